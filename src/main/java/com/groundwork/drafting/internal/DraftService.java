package com.groundwork.drafting.internal;

import com.groundwork.identity.CurrentActor;
import com.groundwork.lead.LeadIntake;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Draft requests of the current actor, from the API and the sidebar. */
@Service
class DraftService {

	private final DraftPipeline pipeline;
	private final DraftRepository drafts;
	private final LeadIntake leads;
	private final CurrentActor currentActor;
	private final Clock clock;

	DraftService(DraftPipeline pipeline, DraftRepository drafts, LeadIntake leads, CurrentActor currentActor,
			Clock clock) {
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

	/** Sends a generated draft to review (for now: marks it submitted). */
	Draft submit(UUID id) {
		var draft = find(id);
		if (draft.status() == Draft.Status.GENERATED) {
			drafts.submit(draft.tenant(), id, clock.instant());
		}
		else if (draft.status() == Draft.Status.FAILED) {
			throw new DraftRequestProblem("id", "a failed draft cannot be sent to review; generate it again");
		}
		return find(id);
	}
}
