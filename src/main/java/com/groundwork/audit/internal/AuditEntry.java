package com.groundwork.audit.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One stored audit entry.
 *
 * @param seq its position in the tenant's chain, from 1
 * @param details canonical JSON (a tombstone after erasure)
 * @param detailsHash SHA-256 of the details as they were written; stays when the details are erased
 * @param prevHash the previous entry's hash (the anchor's, or 64 zeros, for the first)
 * @param hash SHA-256 of {@link #canonical()}
 */
public record AuditEntry(UUID id, UUID tenantId, long seq, Instant occurredAt, String actorKind, String actor,
		String action, String targetType, String targetId, @Nullable String requestId, @Nullable String subjectRef,
		String details, String detailsHash, String prevHash, String hash, @Nullable Instant erasedAt) {

	static final String COLUMNS = "id, tenant_id, seq, occurred_at, actor_kind, actor, action, target_type, target_id, "
			+ "request_id, subject_ref, details, details_hash, prev_hash, hash, erased_at";

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	/** The hashed form: every column but the details themselves (their hash stands in) and the entry's own hash. */
	String canonical() {
		ObjectNode node = MAPPER.createObjectNode();
		node.put("id", id.toString());
		node.put("tenant", tenantId.toString());
		node.put("seq", seq);
		node.put("at", occurredAt.toString());
		node.put("actorKind", actorKind);
		node.put("actor", actor);
		node.put("action", action);
		node.put("targetType", targetType);
		node.put("targetId", targetId);
		node.put("requestId", requestId);
		node.put("subjectRef", subjectRef);
		node.put("detailsHash", detailsHash);
		node.put("prevHash", prevHash);
		return CanonicalJson.of(node);
	}

	String computeHash() {
		return CanonicalJson.sha256(canonical());
	}

	/** This entry with its hash computed from what it holds. */
	AuditEntry hashed() {
		return new AuditEntry(id, tenantId, seq, occurredAt, actorKind, actor, action, targetType, targetId, requestId,
				subjectRef, details, detailsHash, prevHash, computeHash(), erasedAt);
	}

	boolean erased() {
		return erasedAt != null;
	}

	static AuditEntry read(ResultSet rs) throws SQLException {
		var erased = rs.getObject("erased_at", OffsetDateTime.class);
		return new AuditEntry(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class), rs.getLong("seq"),
				rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), rs.getString("actor_kind"),
				rs.getString("actor"), rs.getString("action"), rs.getString("target_type"), rs.getString("target_id"),
				rs.getString("request_id"), rs.getString("subject_ref"), rs.getString("details"),
				rs.getString("details_hash").strip(), rs.getString("prev_hash").strip(), rs.getString("hash").strip(),
				erased == null ? null : erased.toInstant());
	}
}
