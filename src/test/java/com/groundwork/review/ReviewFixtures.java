package com.groundwork.review;

import static org.awaitility.Awaitility.await;

import com.groundwork.drafting.DraftOrder;
import com.groundwork.drafting.DraftSummary;
import com.groundwork.drafting.Drafts;
import com.groundwork.guardrail.DraftCheck;
import com.groundwork.guardrail.Finding;
import com.groundwork.guardrail.Guardrails;
import com.groundwork.guardrail.Recipient;
import com.groundwork.guardrail.Severity;
import com.groundwork.guardrail.Verdict;
import com.groundwork.identity.TenantId;
import com.groundwork.lead.FeatureValue;
import com.groundwork.lead.LeadFeatures;
import com.groundwork.lead.PiiClass;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drafts in the review queue for tests: generated through drafting's API, then checked and recorded by the real
 * guardrails (as the drafting pipeline does once it calls them), so DraftChecked puts them in the queue.
 */
public final class ReviewFixtures {

	private final Drafts drafts;
	private final Guardrails guardrails;
	private final LeadFeatures leadFeatures;
	private final TransactionTemplate transactions;
	private final JdbcClient jdbc;

	public ReviewFixtures(Drafts drafts, Guardrails guardrails, LeadFeatures leadFeatures,
			PlatformTransactionManager transactionManager, JdbcClient jdbc) {
		this.drafts = drafts;
		this.guardrails = guardrails;
		this.leadFeatures = leadFeatures;
		this.transactions = new TransactionTemplate(transactionManager);
		this.jdbc = jdbc;
	}

	/** A generated draft, as {@code requestedBy} asked for it; not checked yet. */
	public DraftSummary generate(TenantId tenant, String slug, String lead, String angle, String requestedBy) {
		var draft = drafts.generate(new DraftOrder(tenant, slug, requestedBy, lead, angle, null, "api", null));
		if (!"GENERATED".equals(draft.status())) {
			throw new IllegalStateException("draft failed: " + draft.failureReason());
		}
		return draft;
	}

	public DraftSummary find(TenantId tenant, UUID draftId) {
		return drafts.find(tenant, draftId).orElseThrow();
	}

	/** Records the real guardrails' verdict of the draft (unless the pipeline already did) and waits for the queue. */
	public Verdict checkAndQueue(DraftSummary draft) {
		var recorded = guardrails.verdictOf(draft.tenant(), draft.id());
		if (recorded.isPresent()) {
			awaitQueued(draft.tenant(), draft.id());
			return recorded.get().verdict();
		}
		var check = checkOf(draft);
		var verdict = guardrails.check(check);
		record(check, verdict);
		return verdict;
	}

	/**
	 * Records a verdict of our choosing for the draft (its context is the real one) and waits until the queue shows
	 * it. When the pipeline checked the draft already, the queue takes ours as a re-check of the waiting draft.
	 */
	public void queueWith(DraftSummary draft, Verdict verdict) {
		if (guardrails.verdictOf(draft.tenant(), draft.id()).isPresent()) {
			awaitQueued(draft.tenant(), draft.id());
		}
		record(checkOf(draft), verdict);
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> jdbc
			.sql("SELECT COUNT(*) FROM review_item WHERE tenant_id = ? AND draft_id = ? AND verdict = ? AND findings = ?")
			.params(draft.tenant().value(), draft.id(), verdict.name(), verdict.findings().size())
			.query(Long.class)
			.single() > 0);
	}

	public static Verdict clean() {
		return Verdict.of(List.of());
	}

	public static Verdict with(Severity severity, String ruleId, String evidence) {
		return Verdict.of(List.of(new Finding(ruleId, severity, null, "test finding " + ruleId, evidence)));
	}

	private void record(DraftCheck check, Verdict verdict) {
		transactions.executeWithoutResult(status -> guardrails.record(check, verdict, 0));
		awaitQueued(check.tenant(), java.util.Objects.requireNonNull(check.draftId()));
	}

	public void awaitQueued(TenantId tenant, UUID draftId) {
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> jdbc
			.sql("SELECT COUNT(*) FROM review_item WHERE tenant_id = ? AND (draft_id = ? OR rework_draft_id = ?)")
			.params(tenant.value(), draftId, draftId)
			.query(Long.class)
			.single() > 0 && jdbc.sql("SELECT COUNT(*) FROM review_item WHERE tenant_id = ? AND draft_id = ?")
				.params(tenant.value(), draftId)
				.query(Long.class)
				.single() > 0);
	}

	/** What the drafting pipeline would hand the guardrails for this draft. */
	public DraftCheck checkOf(DraftSummary draft) {
		var snapshotId = UUID.fromString(draft.featureSnapshot().substring(0, 36));
		var snapshot = leadFeatures.findSnapshot(draft.tenant(), snapshotId).orElseThrow();
		var facts = new LinkedHashMap<String, String>();
		snapshot.minimized().values().forEach(value -> facts.put(value.name(), value.value()));
		var passages = new LinkedHashMap<String, DraftCheck.Passage>();
		var sentences = draft.sentences().stream().map(sentence -> {
			sentence.citations().forEach(citation -> passages.putIfAbsent(citation.passageId().toString(),
					new DraftCheck.Passage(citation.passageId().toString(), citation.documentTitle(), citation.snippet())));
			return new DraftCheck.Sentence(sentence.text(),
					sentence.citations().stream().map(citation -> citation.passageId().toString()).toList());
		}).toList();
		return new DraftCheck(draft.tenant(), draft.id(), draft.channel(), draft.subject(), sentences,
				draft.callToAction(), List.copyOf(passages.values()), facts, Map.of(),
				recipient(snapshot.values()));
	}

	private static @Nullable Recipient recipient(List<FeatureValue> values) {
		Map<String, String> byName = new LinkedHashMap<>();
		values.stream().filter(value -> value.pii() != PiiClass.SENSITIVE).forEach(v -> byName.put(v.name(), v.value()));
		var email = byName.get("contact.email");
		var granted = byName.get("consent.granted-at");
		return email == null ? null : new Recipient(email, byName.get("contact.country"), byName.get("consent.status"),
				byName.get("consent.basis"), null, granted == null ? null : java.time.LocalDate.parse(granted.substring(0, 10)));
	}
}
