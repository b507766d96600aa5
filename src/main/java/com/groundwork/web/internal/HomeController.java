package com.groundwork.web.internal;

import com.groundwork.identity.Role;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The login page and the home page with the tenant, the user's roles and the service's health. */
@Controller
class HomeController {

	private final HealthEndpoint health;

	HomeController(HealthEndpoint health) {
		this.health = health;
	}

	@GetMapping("/")
	@RolesAllowed({ Role.Names.REP, Role.Names.MARKETER, Role.Names.REVIEWER, Role.Names.ADMIN, Role.Names.AUDITOR })
	String home(Model model) {
		var descriptor = health.health();
		model.addAttribute("health", descriptor == null ? "UNKNOWN" : descriptor.getStatus().getCode());
		return "home";
	}

	@GetMapping("/login")
	@PermitAll
	String login() {
		return "login";
	}
}
