package com.groundwork.insight.internal;

import com.groundwork.identity.TenantId;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Insight's own tables, always within one tenant. Writes are idempotent and commutative: each event writes its own
 * table keyed by the draft, so a redelivered or early event changes nothing it should not.
 */
@Repository
class InsightRepository {

	private final JdbcClient jdbc;

	InsightRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A generated draft as the read model keeps it. */
	record GeneratedRow(TenantId tenant, UUID draftId, String leadExternalId, String angle, String prompt,
			String variant, String model, int tier, String channel, @Nullable UUID campaignId,
			@Nullable String campaignName, int promptTokens, int completionTokens, BigDecimal cost, long latencyMillis,
			@Nullable Double retrievalTop, @Nullable Double retrievalMean, double confidence, Instant generatedAt,
			boolean demo, @Nullable Integer emailScore) {
	}

	/** @return whether the draft was new */
	boolean insertGenerated(GeneratedRow row) {
		return jdbc.sql("""
				INSERT INTO insight_draft (tenant_id, draft_id, lead_external_id, angle, prompt, variant, model, tier, channel,
				  campaign_id, campaign_name, prompt_tokens, completion_tokens, cost, latency_ms, retrieval_top,
				  retrieval_mean, confidence, generated_at, demo, email_score)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
			.params(row.tenant().value(), row.draftId(), row.leadExternalId(), row.angle(), row.prompt(), row.variant(),
					row.model(), row.tier(), row.channel(), row.campaignId(), row.campaignName(), row.promptTokens(),
					row.completionTokens(), row.cost(), row.latencyMillis(), row.retrievalTop(), row.retrievalMean(),
					row.confidence(), utc(row.generatedAt()), row.demo(), row.emailScore())
			.update() == 1;
	}

	/**
	 * Keeps the earliest verdict of a draft (later ones recheck a reviewer's edit), whichever arrives first.
	 * @return whether this verdict is the one kept now
	 */
	boolean upsertCheck(TenantId tenant, UUID draftId, String verdict, int findings, int repairs, List<String> rules,
			Instant checkedAt) {
		boolean kept = jdbc.sql("""
				INSERT INTO insight_check (tenant_id, draft_id, verdict, findings, repairs, checked_at)
				VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
			.params(tenant.value(), draftId, verdict, findings, repairs, utc(checkedAt))
			.update() == 1;
		if (!kept) {
			kept = jdbc.sql("""
					UPDATE insight_check SET verdict = ?, findings = ?, repairs = ?, checked_at = ?
					WHERE tenant_id = ? AND draft_id = ? AND checked_at > ?""")
				.params(verdict, findings, repairs, utc(checkedAt), tenant.value(), draftId, utc(checkedAt))
				.update() == 1;
			if (kept) {
				jdbc.sql("DELETE FROM insight_check_rule WHERE tenant_id = ? AND draft_id = ?")
					.params(tenant.value(), draftId)
					.update();
			}
		}
		if (kept) {
			for (var rule : new java.util.LinkedHashSet<>(rules)) {
				jdbc.sql("INSERT INTO insight_check_rule (tenant_id, draft_id, rule_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
					.params(tenant.value(), draftId, rule)
					.update();
			}
		}
		return kept;
	}

	/** @return whether the decision was new (the latest decision of a draft is kept) */
	boolean upsertDecision(TenantId tenant, UUID draftId, String decision, @Nullable String reason, boolean edited,
			int editDistance, Instant decidedAt) {
		if (jdbc.sql("""
				INSERT INTO insight_decision (tenant_id, draft_id, decision, reason, edited, edit_distance, decided_at)
				VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
			.params(tenant.value(), draftId, decision, reason, edited, editDistance, utc(decidedAt))
			.update() == 1) {
			return true;
		}
		jdbc.sql("""
				UPDATE insight_decision SET decision = ?, reason = ?, edited = ?, edit_distance = ?, decided_at = ?
				WHERE tenant_id = ? AND draft_id = ? AND decided_at < ?""")
			.params(decision, reason, edited, editDistance, utc(decidedAt), tenant.value(), draftId, utc(decidedAt))
			.update();
		return false;
	}

	/** @return whether the release was new */
	boolean insertRelease(TenantId tenant, UUID draftId, String leadExternalId, Instant releasedAt) {
		return jdbc.sql("""
				INSERT INTO insight_release (tenant_id, draft_id, lead_external_id, released_at)
				VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING""")
			.params(tenant.value(), draftId, leadExternalId, utc(releasedAt))
			.update() == 1;
	}

	/** An outcome as stored. */
	record StoredOutcome(String eventId, UUID draftId, String leadExternalId, OutcomeType type, Instant occurredAt,
			@Nullable BigDecimal amount) {
	}

	/** @return whether the event was new (false: its id was recorded before) */
	boolean insertOutcome(TenantId tenant, StoredOutcome outcome, Instant receivedAt) {
		return jdbc.sql("""
				INSERT INTO insight_outcome (tenant_id, event_id, draft_id, lead_external_id, type, occurred_at, received_at,
				  amount)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
			.params(tenant.value(), outcome.eventId(), outcome.draftId(), outcome.leadExternalId(),
					outcome.type().slug(), utc(outcome.occurredAt()), utc(receivedAt), outcome.amount())
			.update() == 1;
	}

	Optional<StoredOutcome> findOutcome(TenantId tenant, String eventId) {
		return jdbc.sql("SELECT * FROM insight_outcome WHERE tenant_id = ? AND event_id = ?")
			.params(tenant.value(), eventId)
			.query((rs, row) -> outcome(rs))
			.optional();
	}

	/** A lead's outcomes, oldest first. */
	List<StoredOutcome> outcomesOfLead(TenantId tenant, String leadExternalId) {
		return jdbc.sql("SELECT * FROM insight_outcome WHERE tenant_id = ? AND lead_external_id = ? ORDER BY occurred_at")
			.params(tenant.value(), leadExternalId)
			.query((rs, row) -> outcome(rs))
			.list();
	}

	/** When a draft to the lead was last released, if ever. */
	Optional<Instant> lastReleaseToLead(TenantId tenant, String leadExternalId) {
		return jdbc.sql("""
				SELECT released_at FROM insight_release WHERE tenant_id = ? AND lead_external_id = ?
				ORDER BY released_at DESC FETCH FIRST 1 ROWS ONLY""")
			.params(tenant.value(), leadExternalId)
			.query((rs, row) -> instant(rs, 1))
			.optional();
	}

	long releasesToLead(TenantId tenant, String leadExternalId) {
		return jdbc.sql("SELECT COUNT(*) FROM insight_release WHERE tenant_id = ? AND lead_external_id = ?")
			.params(tenant.value(), leadExternalId)
			.query(Long.class)
			.single();
	}

	Optional<Instant> generatedAt(TenantId tenant, UUID draftId) {
		return jdbc.sql("SELECT generated_at FROM insight_draft WHERE tenant_id = ? AND draft_id = ?")
			.params(tenant.value(), draftId)
			.query((rs, row) -> instant(rs, 1))
			.optional();
	}

	boolean hasAnyDraft(TenantId tenant) {
		return jdbc.sql("SELECT COUNT(*) FROM insight_draft WHERE tenant_id = ?")
			.params(tenant.value())
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * The drafts generated in {@code [from, to)} with what followed them (a cohort: their decisions and outcomes
	 * count whenever they happened).
	 */
	List<DraftFact> facts(TenantId tenant, Instant from, Instant to) {
		var rules = new HashMap<UUID, Set<String>>();
		jdbc.sql("""
				SELECT r.draft_id, r.rule_id FROM insight_check_rule r
				JOIN insight_draft d ON d.tenant_id = r.tenant_id AND d.draft_id = r.draft_id
				WHERE r.tenant_id = ? AND d.generated_at >= ? AND d.generated_at < ?""")
			.params(tenant.value(), utc(from), utc(to))
			.query(rs -> {
				rules.computeIfAbsent(rs.getObject(1, UUID.class), id -> new HashSet<>()).add(rs.getString(2));
			});
		var outcomes = new HashMap<UUID, Map<OutcomeType, Instant>>();
		var amounts = new HashMap<UUID, BigDecimal>();
		jdbc.sql("""
				SELECT o.draft_id, o.type, MIN(o.occurred_at), MAX(o.amount) FROM insight_outcome o
				JOIN insight_draft d ON d.tenant_id = o.tenant_id AND d.draft_id = o.draft_id
				WHERE o.tenant_id = ? AND d.generated_at >= ? AND d.generated_at < ?
				GROUP BY o.draft_id, o.type""")
			.params(tenant.value(), utc(from), utc(to))
			.query(rs -> {
				var draft = rs.getObject(1, UUID.class);
				var type = OutcomeType.of(rs.getString(2));
				var at = instant(rs, 3);
				if (type.isPresent() && at != null) {
					outcomes.computeIfAbsent(draft, id -> new EnumMap<>(OutcomeType.class)).put(type.get(), at);
				}
				var amount = rs.getBigDecimal(4);
				if (amount != null) {
					amounts.merge(draft, amount, BigDecimal::max);
				}
			});
		var facts = new ArrayList<DraftFact>();
		jdbc.sql("""
				SELECT d.draft_id, d.lead_external_id, d.angle, d.prompt, d.variant, d.model, d.tier, d.channel,
				  d.campaign_name, d.cost, d.generated_at, d.retrieval_top, d.confidence, d.email_score,
				  c.verdict, x.decision, x.reason, x.edit_distance, x.decided_at, r.released_at
				FROM insight_draft d
				LEFT JOIN insight_check c ON c.tenant_id = d.tenant_id AND c.draft_id = d.draft_id
				LEFT JOIN insight_decision x ON x.tenant_id = d.tenant_id AND x.draft_id = d.draft_id
				LEFT JOIN insight_release r ON r.tenant_id = d.tenant_id AND r.draft_id = d.draft_id
				WHERE d.tenant_id = ? AND d.generated_at >= ? AND d.generated_at < ?
				ORDER BY d.generated_at""")
			.params(tenant.value(), utc(from), utc(to))
			.query(rs -> {
				var id = rs.getObject("draft_id", UUID.class);
				var top = rs.getDouble("retrieval_top");
				facts.add(new DraftFact(id, rs.getString("lead_external_id"), rs.getString("angle"),
						rs.getString("prompt"), rs.getString("variant"), rs.getString("model"), rs.getInt("tier"),
						rs.getString("channel"), rs.getString("campaign_name"), rs.getBigDecimal("cost"),
						instant(rs, "generated_at"), rs.wasNull() ? null : top, rs.getDouble("confidence"),
						rs.getString("verdict"), rules.getOrDefault(id, Set.of()), rs.getString("decision"),
						rs.getString("reason"), rs.getInt("edit_distance"), instant(rs, "decided_at"),
						instant(rs, "released_at"), outcomes.getOrDefault(id, Map.of()), amounts.get(id),
						rs.getObject("email_score", Integer.class)));
			});
		return facts;
	}

	private static StoredOutcome outcome(ResultSet rs) throws SQLException {
		return new StoredOutcome(rs.getString("event_id"), rs.getObject("draft_id", UUID.class),
				rs.getString("lead_external_id"), OutcomeType.of(rs.getString("type")).orElseThrow(),
				instant(rs, "occurred_at"), rs.getBigDecimal("amount"));
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		var value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

	private static @Nullable Instant instant(ResultSet rs, int column) throws SQLException {
		var value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}
}
