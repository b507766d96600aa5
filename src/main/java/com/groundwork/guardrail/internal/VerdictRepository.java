package com.groundwork.guardrail.internal;

import com.groundwork.guardrail.DraftCheck;
import com.groundwork.guardrail.Finding;
import com.groundwork.guardrail.Guardrails;
import com.groundwork.guardrail.Recipient;
import com.groundwork.guardrail.Verdict;
import com.groundwork.identity.TenantId;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** Recorded verdicts, always within one tenant. */
class VerdictRepository {

	private final JdbcClient jdbc;
	private final JsonMapper mapper;

	VerdictRepository(JdbcClient jdbc, JsonMapper mapper) {
		this.jdbc = jdbc;
		this.mapper = mapper;
	}

	/**
	 * What was checked, without the tenant (the row's) and the draft id (the row's).
	 *
	 * @param language the draft's language; empty when unknown, and in contexts recorded before languages mattered
	 */
	record StoredContext(String channel, String subject, List<DraftCheck.Sentence> sentences, String callToAction,
			List<DraftCheck.Passage> passages, Map<String, String> leadFacts, Map<String, String> untrustedInputs,
			@Nullable Recipient recipient, String language) {

		StoredContext {
			language = language == null ? "" : language;
		}

		static StoredContext of(DraftCheck check) {
			return new StoredContext(check.channel(), check.subject(), check.sentences(), check.callToAction(),
					check.passages(), check.leadFacts(), check.untrustedInputs(), check.recipient(), check.language());
		}
	}

	/** A recorded verdict with the context it was reached in. */
	record Stored(Guardrails.RecordedVerdict verdict, StoredContext context) {
	}

	void delete(TenantId tenant, java.util.Collection<UUID> draftIds) {
		if (!draftIds.isEmpty()) {
			jdbc.sql("DELETE FROM guardrail_verdict WHERE tenant_id = :tenant AND draft_id IN (:drafts)")
				.param("tenant", tenant.value())
				.param("drafts", draftIds)
				.update();
		}
	}

	void insert(TenantId tenant, UUID draftId, Verdict verdict, int repairs, String policyVersion, DraftCheck check,
			Instant checkedAt) {
		jdbc.sql("""
				INSERT INTO guardrail_verdict (id, tenant_id, draft_id, verdict, findings, repairs, policy_version, context,
				  checked_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(UUID.randomUUID(), tenant.value(), draftId, verdict.name(),
					mapper.writeValueAsString(verdict.findings()), repairs, policyVersion,
					mapper.writeValueAsString(StoredContext.of(check)), checkedAt.atOffset(ZoneOffset.UTC))
			.update();
	}

	Optional<Stored> latest(TenantId tenant, UUID draftId) {
		return jdbc.sql("""
				SELECT * FROM guardrail_verdict WHERE tenant_id = ? AND draft_id = ?
				ORDER BY checked_at DESC FETCH FIRST 1 ROWS ONLY""")
			.params(tenant.value(), draftId)
			.query((rs, row) -> {
				var findings = Arrays.asList(mapper.readValue(rs.getString("findings"), Finding[].class));
				var verdict = new Guardrails.RecordedVerdict(draftId, Verdict.of(findings), rs.getInt("repairs"),
						rs.getString("policy_version"), rs.getObject("checked_at", OffsetDateTime.class).toInstant());
				return new Stored(verdict, mapper.readValue(rs.getString("context"), StoredContext.class));
			})
			.optional();
	}
}
