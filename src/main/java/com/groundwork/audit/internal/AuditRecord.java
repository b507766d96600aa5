package com.groundwork.audit.internal;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What to append: who did what to which target. The tenant, time, position, request id and hashes are added when it
 * is appended.
 *
 * @param actorKind {@code USER}, {@code API_KEY} or {@code SYSTEM}; null takes the current actor's
 * @param actor null takes the current actor's name ({@code system} outside a request)
 * @param subjectRef whom it is about, {@code lead:<externalId>}, for erasure; null when about nobody
 * @param details what else is worth keeping (provenance, verdicts); never personal data beyond ids
 */
record AuditRecord(@Nullable String actorKind, @Nullable String actor, String action, String targetType,
		String targetId, @Nullable String subjectRef, Map<String, ?> details) {

	AuditRecord {
		Objects.requireNonNull(action, "action");
		Objects.requireNonNull(targetType, "targetType");
		Objects.requireNonNull(targetId, "targetId");
		details = Map.copyOf(details);
	}

	static AuditRecord of(String action, String targetType, String targetId, @Nullable String subjectRef,
			Map<String, ?> details) {
		return new AuditRecord(null, null, action, targetType, targetId, subjectRef, details);
	}

	static String lead(String externalId) {
		return "lead:" + externalId;
	}
}
