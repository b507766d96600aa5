package com.groundwork.drafting.internal;

import com.groundwork.identity.TenantId;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** Drafts and daily usage, always within one tenant. */
class DraftRepository {

	/** Rows each tenant's daily usage is spread over. */
	static final int USAGE_STRIPES = 16;

	private final JdbcClient jdbc;
	private final JsonMapper mapper;

	DraftRepository(JdbcClient jdbc, JsonMapper mapper) {
		this.jdbc = jdbc;
		this.mapper = mapper;
	}

	void insert(Draft draft) {
		jdbc.sql("""
				INSERT INTO draft (id, tenant_id, lead_external_id, angle, tone, channel, status, failure_reason, subject,
				  content, lead_score, prompt_ref, model, tier, feature_snapshot_id, provenance, shadow_of, created_by,
				  created_at, submitted_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(draft.id(), draft.tenant().value(), draft.leadExternalId(), draft.angle(), draft.tone(),
					draft.channel(), draft.status().name(), draft.failureReason(), draft.subject(),
					mapper.writeValueAsString(draft.content()), draft.content().leadScore().score(),
					draft.provenance().prompt(), draft.provenance().model(), draft.provenance().tier(),
					UUID.fromString(draft.provenance().featureSnapshot().substring(0, 36)),
					mapper.writeValueAsString(draft.provenance()), draft.shadowOf(), draft.createdBy(),
					draft.createdAt().atOffset(ZoneOffset.UTC),
					draft.submittedAt() == null ? null : draft.submittedAt().atOffset(ZoneOffset.UTC))
			.update();
	}

	/** A draft of the tenant that may be shown: never another tenant's, never a shadow draft. */
	Optional<Draft> find(TenantId tenant, UUID id) {
		return jdbc.sql("SELECT * FROM draft WHERE id = ? AND tenant_id = ? AND shadow_of IS NULL")
			.params(id, tenant.value())
			.query(this::draft)
			.optional();
	}

	/** The lead's shown drafts, oldest first. */
	List<Draft> forLead(TenantId tenant, String leadExternalId) {
		return jdbc.sql("SELECT * FROM draft WHERE tenant_id = ? AND lead_external_id = ? AND shadow_of IS NULL ORDER BY created_at")
			.params(tenant.value(), leadExternalId)
			.query(this::draft)
			.list();
	}

	/** The ids of every draft of the lead, shadows included. */
	List<UUID> idsForLead(TenantId tenant, String leadExternalId) {
		return jdbc.sql("SELECT id FROM draft WHERE tenant_id = ? AND lead_external_id = ?")
			.params(tenant.value(), leadExternalId)
			.query(UUID.class)
			.list();
	}

	/** Deletes every draft of the lead, shadows included (erasure). */
	int deleteForLead(TenantId tenant, String leadExternalId) {
		return jdbc.sql("DELETE FROM draft WHERE tenant_id = ? AND lead_external_id = ?")
			.params(tenant.value(), leadExternalId)
			.update();
	}

	/** Shadow drafts run beside a draft, for comparison. */
	List<Draft> shadowsOf(TenantId tenant, UUID id) {
		return jdbc.sql("SELECT * FROM draft WHERE tenant_id = ? AND shadow_of = ? ORDER BY created_at")
			.params(tenant.value(), id)
			.query(this::draft)
			.list();
	}

	/** Marks a generated draft as sent to review; false when it is not in the GENERATED state. */
	boolean submit(TenantId tenant, UUID id, Instant at) {
		return jdbc.sql("""
				UPDATE draft SET status = 'SUBMITTED', submitted_at = ?
				WHERE id = ? AND tenant_id = ? AND shadow_of IS NULL AND status = 'GENERATED'""")
			.params(at.atOffset(ZoneOffset.UTC), id, tenant.value())
			.update() == 1;
	}

	/** Tokens and cost spent on the day. */
	Usage usage(TenantId tenant, LocalDate day) {
		return jdbc.sql("""
				SELECT COALESCE(SUM(tokens), 0) AS tokens, COALESCE(SUM(cost), 0) AS cost FROM draft_usage
				WHERE tenant_id = ? AND usage_day = ?""")
			.params(tenant.value(), day)
			.query((rs, row) -> new Usage(rs.getLong("tokens"), rs.getBigDecimal("cost")))
			.single();
	}

	void addUsage(TenantId tenant, LocalDate day, long tokens, BigDecimal cost) {
		addUsage(tenant, day, tokens, cost, ThreadLocalRandom.current().nextInt(USAGE_STRIPES));
	}

	/** Adds to one stripe of the day's usage (see V14): concurrent drafts of a tenant mostly lock different rows. */
	private void addUsage(TenantId tenant, LocalDate day, long tokens, BigDecimal cost, int stripe) {
		int updated = jdbc.sql("""
				UPDATE draft_usage SET tokens = tokens + ?, cost = cost + ?, drafts = drafts + 1
				WHERE tenant_id = ? AND usage_day = ? AND stripe = ?""")
			.params(tokens, cost, tenant.value(), day, stripe)
			.update();
		if (updated == 0) {
			try {
				jdbc.sql("""
						INSERT INTO draft_usage (tenant_id, usage_day, stripe, tokens, cost, drafts)
						VALUES (?, ?, ?, ?, ?, 1)""")
					.params(tenant.value(), day, stripe, tokens, cost)
					.update();
			}
			catch (DuplicateKeyException raced) {
				addUsage(tenant, day, tokens, cost, stripe);
			}
		}
	}

	record Usage(long tokens, BigDecimal cost) {
	}

	private Draft draft(ResultSet rs, int row) throws SQLException {
		var submitted = rs.getObject("submitted_at", OffsetDateTime.class);
		return new Draft(rs.getObject("id", UUID.class), new TenantId(rs.getObject("tenant_id", UUID.class)),
				rs.getString("lead_external_id"), rs.getString("angle"), rs.getString("tone"), rs.getString("channel"),
				Draft.Status.valueOf(rs.getString("status")), rs.getString("failure_reason"), rs.getString("subject"),
				mapper.readValue(rs.getString("content"), Draft.Content.class),
				mapper.readValue(rs.getString("provenance"), Draft.Provenance.class),
				rs.getObject("shadow_of", UUID.class), rs.getString("created_by"),
				rs.getObject("created_at", OffsetDateTime.class).toInstant(),
				submitted == null ? null : submitted.toInstant());
	}
}
