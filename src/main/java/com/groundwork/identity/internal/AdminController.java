package com.groundwork.identity.internal;

import com.groundwork.identity.Role;
import com.groundwork.identity.internal.IdentityRequests.CreatedApiKey;
import com.groundwork.identity.internal.IdentityRequests.CreatedTenant;
import com.groundwork.identity.internal.IdentityRequests.NewApiKey;
import com.groundwork.identity.internal.IdentityRequests.NewTenant;
import com.groundwork.identity.internal.IdentityRequests.NewUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.RestController;

/** Tenants, users and API keys. Admins see their own tenant only; platform admins see and create tenants. */
@Tag(name = "Admin", description = "Tenants, users and API keys")
@RestController
@RequestMapping("/api/admin")
@RolesAllowed(Role.Names.ADMIN)
class AdminController {

	private final IdentityAdministration administration;

	AdminController(IdentityAdministration administration) {
		this.administration = administration;
	}

	@Operation(summary = "Tenants visible to the caller: their own, or all for a platform admin")
	@GetMapping("/tenants")
	List<TenantView> tenants() {
		return administration.visibleTenants();
	}

	@GetMapping("/tenants/{id}")
	TenantView tenant(@PathVariable UUID id) {
		return administration.visibleTenant(id);
	}

	@Operation(summary = "Create a tenant with its first administrator (platform admins only)")
	@PostMapping("/tenants")
	ResponseEntity<CreatedTenant> createTenant(@Valid @RequestBody NewTenant request) {
		var created = administration.createTenant(request);
		return ResponseEntity.created(URI.create("/api/admin/tenants/" + created.tenant().id())).body(created);
	}

	@GetMapping("/users")
	List<UserView> users() {
		return administration.users();
	}

	@GetMapping("/users/{id}")
	UserView user(@PathVariable UUID id) {
		return administration.user(id);
	}

	@Operation(summary = "Create a user in the caller's tenant")
	@PostMapping("/users")
	ResponseEntity<UserView> createUser(@Valid @RequestBody NewUser request) {
		var user = administration.createUserInCurrentTenant(request);
		return ResponseEntity.created(URI.create("/api/admin/users/" + user.id())).body(user);
	}

	@Operation(summary = "API keys of the caller's tenant (prefix, role, created, last used, revoked); ?prefix= narrows by visible prefix")
	@GetMapping("/api-keys")
	List<ApiKeyView> apiKeys(@RequestParam(defaultValue = "") @Size(max = 16) String prefix) {
		return administration.apiKeys(prefix);
	}

	@GetMapping("/api-keys/{id}")
	ApiKeyView apiKey(@PathVariable UUID id) {
		return administration.apiKey(id);
	}

	@Operation(summary = "Create an API key; the key is in this answer only, Groundwork keeps its hash")
	@PostMapping("/api-keys")
	ResponseEntity<CreatedApiKey> createApiKey(@Valid @RequestBody NewApiKey request) {
		var created = administration.createApiKey(request);
		return ResponseEntity.created(URI.create("/api/admin/api-keys/" + created.id())).body(created);
	}

	@Operation(summary = "Revoke an API key; it stops working at once")
	@DeleteMapping("/api-keys/{id}")
	ResponseEntity<Void> revokeApiKey(@PathVariable UUID id) {
		administration.revokeApiKey(id);
		return ResponseEntity.noContent().build();
	}
}
