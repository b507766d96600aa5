package com.groundwork.lead.internal.suppression;

import com.groundwork.identity.CurrentActor;
import com.groundwork.identity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Validator;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The admin page of the tenant's suppression list: hashes only, and a form to add an address. */
@Controller
@RolesAllowed(Role.Names.ADMIN)
class SuppressionPageController {

	private final SuppressionRepository suppressions;
	private final CurrentActor currentActor;
	private final Validator validator;

	SuppressionPageController(SuppressionRepository suppressions, CurrentActor currentActor, Validator validator) {
		this.suppressions = suppressions;
		this.currentActor = currentActor;
		this.validator = validator;
	}

	@GetMapping("/admin/suppressions")
	String page(@RequestParam(defaultValue = "0") int page, Model model) {
		var tenant = currentActor.tenant();
		int from = Math.max(0, page);
		model.addAttribute("entries", suppressions.list(tenant, from, 100));
		model.addAttribute("total", suppressions.count(tenant));
		model.addAttribute("page", from);
		return "admin/suppressions";
	}

	@PostMapping("/admin/suppressions")
	String add(@RequestParam String email, @RequestParam(defaultValue = "legal-request") String reason,
			RedirectAttributes flash) {
		var request = new SuppressionController.NewSuppression(email.strip(), reason.strip());
		var violations = validator.validate(request);
		if (!violations.isEmpty()) {
			flash.addFlashAttribute("error", violations.stream()
				.map(violation -> violation.getPropertyPath() + ": " + violation.getMessage())
				.sorted()
				.collect(Collectors.joining("; ")));
			return "redirect:/admin/suppressions";
		}
		var actor = currentActor.require();
		boolean added = suppressions.suppress(actor.tenantId(), request.email(), request.reason(), actor.name());
		flash.addFlashAttribute("message", added ? "Added the address (kept as its hash " + EmailHashes.hash(request.email())
				.substring(0, 12) + "…)." : "The address was already on the list.");
		return "redirect:/admin/suppressions";
	}
}
