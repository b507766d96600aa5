package com.groundwork.identity;

import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Who is acting on this request: a signed-in person or a machine holding an API key, always inside exactly one tenant.
 *
 * @param kind whether a user or an API key authenticated
 * @param id the user's or the key's id
 * @param name the username, or the key's name and visible prefix
 * @param tenantId the tenant every query of this request is scoped to
 * @param tenantSlug the tenant's short name, e.g. {@code acme}
 * @param tenantName the tenant's display name
 * @param roles what the actor may do
 * @param platformAdmin whether the actor may manage other tenants
 */
public record Actor(Kind kind, UUID id, String name, TenantId tenantId, String tenantSlug, String tenantName,
		Set<Role> roles, boolean platformAdmin) {

	public enum Kind {
		USER, API_KEY
	}

	public Actor {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(tenantId, "tenantId");
		roles = Set.copyOf(roles);
		if (name.isBlank() || tenantSlug.isBlank()) {
			throw new IllegalArgumentException("an actor needs a name and a tenant");
		}
	}

	public boolean hasAnyRole(Set<Role> wanted) {
		return roles.stream().anyMatch(wanted::contains);
	}
}
