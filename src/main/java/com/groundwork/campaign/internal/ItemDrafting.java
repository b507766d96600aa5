package com.groundwork.campaign.internal;

import com.groundwork.drafting.DraftOrder;
import com.groundwork.drafting.DraftSummary;
import com.groundwork.drafting.Drafts;
import com.groundwork.guardrail.Finding;
import com.groundwork.guardrail.Guardrails;
import com.groundwork.guardrail.Severity;
import com.groundwork.guardrail.Verdict;
import com.groundwork.lead.LeadNotFoundException;
import com.groundwork.lead.Suppressions;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * Drafts one claimed item: suppression first (nothing is drafted for a suppressed address), then the draft under the
 * item's own draft id (so a retried item never writes a second draft), then the guardrails' verdict decides between
 * DRAFTED and BLOCKED. What went wrong becomes the item's reason; only an error of the service itself is retried.
 */
class ItemDrafting {

	/** What to do with the item: record its outcome, or give it back to be tried again. */
	sealed interface Result permits Done, Retry {
	}

	record Done(ItemOutcome outcome) implements Result {
	}

	/**
	 * @param budgetExhausted the tenant's daily budget is used up: the item waits, without counting an attempt
	 */
	record Retry(Instant dueAt, boolean budgetExhausted, String error) implements Result {
	}

	/** What the item's campaign asks for. */
	record Job(String tenantSlug, String angle, @Nullable String promptVariant, String requestedBy) {
	}

	private final Drafts drafts;
	private final Suppressions suppressions;
	private final ObjectProvider<Guardrails> guardrails;
	private final CampaignSettings settings;

	ItemDrafting(Drafts drafts, Suppressions suppressions, ObjectProvider<Guardrails> guardrails,
			CampaignSettings settings) {
		this.drafts = drafts;
		this.suppressions = suppressions;
		this.guardrails = guardrails;
		this.settings = settings;
	}

	Result draft(ClaimedItem item, Job job, Instant now) {
		DraftSummary draft;
		try {
			// Claimed before: its draft may exist (its instance died after writing it), and then is the outcome.
			var existing = item.attempts() > 1 ? drafts.find(item.tenant(), item.draftId()) : Optional.<DraftSummary>empty();
			if (existing.isPresent()) {
				return new Done(outcomeOf(existing.get()));
			}
			if (item.attempts() > settings.maxAttempts()) {
				return new Done(ItemOutcome.of(ItemState.FAILED, "abandoned", "Gave up after " + (item.attempts() - 1)
						+ " claims whose instance stopped before finishing the item"));
			}
			if (suppressions.isLeadSuppressed(item.tenant(), item.leadExternalId())) {
				return new Done(ItemOutcome.of(ItemState.SUPPRESSED, "suppressed",
						"The lead's address is on the tenant's do-not-contact list; nothing was drafted"));
			}
			draft = drafts.generate(new DraftOrder(item.tenant(), job.tenantSlug(), job.requestedBy(),
					item.leadExternalId(), job.angle(), null, "campaign", null, item.draftId(), job.promptVariant()));
		}
		catch (LeadNotFoundException missing) {
			return new Done(ItemOutcome.of(ItemState.FAILED, "lead-not-found",
					"The lead " + item.leadExternalId() + " no longer exists in the tenant"));
		}
		catch (IllegalArgumentException refused) {
			return new Done(ItemOutcome.of(ItemState.FAILED, "invalid-order", String.valueOf(refused.getMessage())));
		}
		catch (ErrorResponseException refused) {
			if (refused.getStatusCode().isSameCodeAs(HttpStatus.TOO_MANY_REQUESTS)) {
				return new Retry(now.plus(settings.budgetRecheck()), true, detail(refused));
			}
			return retryOrFail(item, now, detail(refused));
		}
		catch (RuntimeException error) {
			return retryOrFail(item, now, error.toString());
		}
		return new Done(outcomeOf(draft));
	}

	/** The item's outcome, given its stored draft. */
	ItemOutcome outcomeOf(DraftSummary draft) {
		long tokens = (long) draft.promptTokens() + draft.completionTokens();
		if ("FAILED".equals(draft.status())) {
			return new ItemOutcome(ItemState.FAILED, "drafting-failed",
					draft.failureReason() == null ? "No tier could write the draft" : draft.failureReason(), null,
					draft.model(), tokens, draft.cost());
		}
		var checks = guardrails.getIfAvailable();
		var recorded = checks == null ? null : checks.verdictOf(draft.tenant(), draft.id()).orElse(null);
		if (recorded == null) {
			return new ItemOutcome(ItemState.DRAFTED, "drafted", "Drafted; the guardrail verdict is pending",
					"PENDING", draft.model(), tokens, draft.cost());
		}
		var verdict = recorded.verdict();
		if (verdict instanceof Verdict.Blocked blocked) {
			var blocking = blocked.findings().stream().filter(f -> f.severity() == Severity.BLOCK).toList();
			var code = blocking.isEmpty() ? "blocked" : blocking.getFirst().ruleId();
			var reason = blocking.stream().map(f -> f.ruleId() + ": " + f.message()).collect(Collectors.joining("; "));
			return new ItemOutcome(ItemState.BLOCKED, code, reason.isBlank() ? "Blocked by the guardrails" : reason,
					verdict.name(), draft.model(), tokens, draft.cost());
		}
		var findings = verdict.findings().stream().map(Finding::ruleId).distinct().collect(Collectors.joining(", "));
		return new ItemOutcome(ItemState.DRAFTED, "drafted",
				"Drafted, verdict " + verdict.name() + (findings.isEmpty() ? "" : " (" + findings + ")") + "; in review",
				verdict.name(), draft.model(), tokens, draft.cost());
	}

	private Result retryOrFail(ClaimedItem item, Instant now, String error) {
		if (item.attempts() >= settings.maxAttempts()) {
			return new Done(ItemOutcome.of(ItemState.FAILED, "error",
					"Gave up after " + item.attempts() + " attempts: " + error));
		}
		var backoff = settings.retryBackoff().multipliedBy(1L << Math.min(item.attempts() - 1, 10));
		return new Retry(now.plus(backoff.compareTo(Duration.ofMinutes(10)) > 0 ? Duration.ofMinutes(10) : backoff),
				false, error);
	}

	private static String detail(ErrorResponseException refused) {
		var detail = refused.getBody().getDetail();
		return detail == null ? refused.getStatusCode().toString() : detail;
	}
}
