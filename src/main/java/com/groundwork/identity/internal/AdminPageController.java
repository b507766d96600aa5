package com.groundwork.identity.internal;

import com.groundwork.identity.CurrentActor;
import com.groundwork.identity.Role;
import com.groundwork.identity.internal.IdentityRequests.NewApiKey;
import com.groundwork.identity.internal.IdentityRequests.NewTenant;
import com.groundwork.identity.internal.IdentityRequests.NewUser;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Validator;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The admin pages: tenants, users and API keys of the admin's tenant (all tenants for a platform admin). Forms post
 * with the CSRF token; the key list filters by prefix as one types (htmx swaps the table).
 */
@Controller
@RolesAllowed(Role.Names.ADMIN)
class AdminPageController {

	private final IdentityAdministration administration;
	private final CurrentActor currentActor;
	private final Validator validator;

	AdminPageController(IdentityAdministration administration, CurrentActor currentActor, Validator validator) {
		this.administration = administration;
		this.currentActor = currentActor;
		this.validator = validator;
	}

	@GetMapping("/admin")
	String index() {
		return "admin/index";
	}

	@GetMapping("/admin/tenants")
	String tenants(Model model) {
		model.addAttribute("tenants", administration.visibleTenants());
		model.addAttribute("platformAdmin", currentActor.require().platformAdmin());
		return "admin/tenants";
	}

	@PostMapping("/admin/tenants")
	String createTenant(@RequestParam String slug, @RequestParam String name, @RequestParam String region,
			RedirectAttributes flash) {
		var request = new NewTenant(slug.strip(), name.strip(), region.strip(), null);
		if (valid(request, flash)) {
			attempt(flash, () -> "Created tenant " + administration.createTenant(request).tenant().slug() + ".");
		}
		return "redirect:/admin/tenants";
	}

	@GetMapping("/admin/users")
	String users(Model model) {
		model.addAttribute("users", administration.users());
		model.addAttribute("roles", Role.values());
		return "admin/users";
	}

	@PostMapping("/admin/users")
	String createUser(@RequestParam String username, @RequestParam String displayName, @RequestParam String password,
			@RequestParam(name = "roles", required = false) Set<Role> roles, RedirectAttributes flash) {
		var request = new NewUser(username.strip(), displayName.strip(), password, roles == null ? Set.of() : roles);
		if (valid(request, flash)) {
			attempt(flash, () -> "Created user " + administration.createUserInCurrentTenant(request).username() + ".");
		}
		return "redirect:/admin/users";
	}

	@GetMapping("/admin/api-keys")
	String apiKeys(@RequestParam(defaultValue = "") String prefix,
			@RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
		model.addAttribute("keys", administration.apiKeys(prefix.length() > 16 ? prefix.substring(0, 16) : prefix));
		model.addAttribute("prefix", prefix);
		model.addAttribute("roles", Role.values());
		return htmx != null ? "admin/api-keys :: keys" : "admin/api-keys";
	}

	@PostMapping("/admin/api-keys")
	String createApiKey(@RequestParam String name, @RequestParam(required = false) Role role, RedirectAttributes flash) {
		var request = new NewApiKey(name.strip(), role);
		if (valid(request, flash)) {
			var created = administration.createApiKey(request);
			flash.addFlashAttribute("createdKey", created.key());
			flash.addFlashAttribute("message", "Created key " + created.name() + ". " + created.notice());
		}
		return "redirect:/admin/api-keys";
	}

	@PostMapping("/admin/api-keys/{id}/revoke")
	String revokeApiKey(@PathVariable UUID id, RedirectAttributes flash) {
		administration.revokeApiKey(id);
		flash.addFlashAttribute("message", "Revoked the key; it stops working at once.");
		return "redirect:/admin/api-keys";
	}

	private boolean valid(Object request, RedirectAttributes flash) {
		var violations = validator.validate(request);
		if (violations.isEmpty()) {
			return true;
		}
		flash.addFlashAttribute("error", violations.stream()
			.map(violation -> violation.getPropertyPath() + ": " + violation.getMessage())
			.sorted()
			.collect(Collectors.joining("; ")));
		return false;
	}

	private static void attempt(RedirectAttributes flash, java.util.function.Supplier<String> action) {
		try {
			flash.addFlashAttribute("message", action.get());
		}
		catch (ErrorResponseException ex) {
			flash.addFlashAttribute("error", ex.getBody().getDetail());
		}
	}
}
