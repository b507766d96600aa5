package com.groundwork.identity;

import java.time.Instant;
import java.util.Objects;

/**
 * Something security-relevant happened inside a tenant: a sign-in, a key's use, a refused request, an administrative
 * change. Published synchronously where it happens (the audit trail records it with the request's id); carries names
 * and ids, never a password, key or token.
 *
 * @param actorKind {@code USER}, {@code API_KEY} or {@code SYSTEM}
 * @param actor the username, or the key's name and visible prefix
 * @param target what it was about, e.g. {@code api-key:<id>}, {@code user:<id>}, {@code GET /api/admin/users}
 * @param detail a short explanation, e.g. the roles an endpoint needs
 */
public record SecurityEvent(TenantId tenant, Type type, String actorKind, String actor, String target, String detail,
		Instant occurredAt) {

	/** What happened; the audit action is its lower-case, dotted form (e.g. {@code login.succeeded}). */
	public enum Type {
		LOGIN_SUCCEEDED, LOGIN_FAILED, API_KEY_USED, ACCESS_DENIED, TENANT_CREATED, USER_CREATED, API_KEY_CREATED,
		API_KEY_REVOKED;

		public String action() {
			return name().toLowerCase(java.util.Locale.ROOT).replaceFirst("_(?=[a-z]+$)", ".").replace('_', '-');
		}
	}

	public SecurityEvent {
		Objects.requireNonNull(tenant, "tenant");
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(actorKind, "actorKind");
		Objects.requireNonNull(actor, "actor");
		Objects.requireNonNull(target, "target");
		Objects.requireNonNull(detail, "detail");
		Objects.requireNonNull(occurredAt, "occurredAt");
	}
}
