package com.groundwork.drafting.internal;

import com.groundwork.guardrail.Finding;
import com.groundwork.guardrail.Guardrails;
import com.groundwork.guardrail.Severity;
import com.groundwork.guardrail.Verdict;
import com.groundwork.identity.CurrentActor;
import com.groundwork.lead.LeadIntake;
import java.time.Clock;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** Draft requests of the current actor, from the API and the sidebar. */
@Service
class DraftService {

	private final DraftPipeline pipeline;
	private final DraftRepository drafts;
	private final LeadIntake leads;
	private final CurrentActor currentActor;
	private final Clock clock;
	private final Guardrails guardrails;

	DraftService(DraftPipeline pipeline, DraftRepository drafts, LeadIntake leads, CurrentActor currentActor,
			Clock clock, Guardrails guardrails) {
		this.guardrails = guardrails;
		this.pipeline = pipeline;
		this.drafts = drafts;
		this.leads = leads;
		this.currentActor = currentActor;
		this.clock = clock;
	}

	Draft create(DraftRequest request, GenerationRequest.Channel channel) {
		var angle = DraftRequestProblem.angle(request.angle());
		var tone = DraftRequestProblem.tone(request.tone());
		var actor = currentActor.require();
		String externalId;
		if (request.lead() != null && request.leadExternalId() != null) {
			throw new DraftRequestProblem("lead", "give either 'lead' (the lead contract) or 'leadExternalId', not both");
		}
		else if (request.lead() != null) {
			externalId = leads.accept(actor.tenantId(), request.lead());
		}
		else if (request.leadExternalId() != null && !request.leadExternalId().isBlank()) {
			externalId = request.leadExternalId().strip();
		}
		else {
			throw new DraftRequestProblem("leadExternalId",
					"is required: give 'leadExternalId' of a stored lead, or 'lead' with the lead contract");
		}
		return pipeline.generate(new GenerationRequest(actor.tenantId(), actor.tenantSlug(), actor.name(), externalId,
				angle, tone, channel));
	}

	Draft find(UUID id) {
		return drafts.find(currentActor.tenant(), id).orElseThrow(() -> new DraftNotFoundException(id));
	}

	/** The draft's recorded guardrail verdict, if it has one (failed drafts have none). */
	Guardrails.@Nullable RecordedVerdict verdictOf(Draft draft) {
		return guardrails.verdictOf(draft.tenant(), draft.id()).orElse(null);
	}

	/** Sends a generated draft to review (for now: marks it submitted); a blocked draft never goes. */
	Draft submit(UUID id) {
		var draft = find(id);
		var verdict = verdictOf(draft);
		if (verdict != null && verdict.verdict() instanceof Verdict.Blocked blocked) {
			throw new DraftRequestProblem("id", "the guardrails blocked this draft ("
					+ String.join(", ", blocked.findings().stream()
						.filter(finding -> finding.severity() == Severity.BLOCK)
						.map(Finding::ruleId)
						.distinct()
						.toList())
					+ "); it can never be sent to review");
		}
		if (draft.status() == Draft.Status.GENERATED) {
			drafts.submit(draft.tenant(), id, clock.instant());
		}
		else if (draft.status() == Draft.Status.FAILED) {
			throw new DraftRequestProblem("id", "a failed draft cannot be sent to review; generate it again");
		}
		return find(id);
	}
}
