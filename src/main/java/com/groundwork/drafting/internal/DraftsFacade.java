package com.groundwork.drafting.internal;

import com.groundwork.drafting.DraftBudgetStatus;
import com.groundwork.drafting.DraftOrder;
import com.groundwork.drafting.DraftSummary;
import com.groundwork.drafting.Drafts;
import com.groundwork.identity.TenantId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** {@link Drafts} for other modules: the same pipeline as the API, on behalf of the order's requester. */
@Service
class DraftsFacade implements Drafts {

	private final DraftPipeline pipeline;
	private final DraftRepository drafts;
	private final DraftBudget budget;
	private final VariantRouter router;

	DraftsFacade(DraftPipeline pipeline, DraftRepository drafts, DraftBudget budget, VariantRouter router) {
		this.pipeline = pipeline;
		this.drafts = drafts;
		this.budget = budget;
		this.router = router;
	}

	@Override
	public DraftSummary generate(DraftOrder order) {
		var angle = Angle.of(order.angle())
			.orElseThrow(() -> new IllegalArgumentException("unknown angle '" + order.angle() + "'; use one of "
					+ String.join(", ", Angle.slugs())));
		var tone = order.tone() == null ? Tone.FRIENDLY
				: Tone.of(order.tone())
					.orElseThrow(() -> new IllegalArgumentException("unknown tone '" + order.tone() + "'; use one of "
							+ String.join(", ", Tone.slugs())));
		var channel = GenerationRequest.Channel.valueOf(order.channel().toUpperCase(Locale.ROOT));
		return summary(pipeline.generate(new GenerationRequest(order.tenant(), order.tenantSlug(), order.requestedBy(),
				order.leadExternalId(), angle, tone, channel, order.guidance(), order.draftId(), order.promptVariant())));
	}

	@Override
	public DraftBudgetStatus budget(TenantId tenant, String tenantSlug) {
		return budget.status(tenant, tenantSlug);
	}

	@Override
	public List<String> angles() {
		return Angle.slugs();
	}

	@Override
	public List<String> promptVariants(String tenantSlug, String angle) {
		return router.variants(tenantSlug, Angle.of(angle)
			.orElseThrow(() -> new IllegalArgumentException("unknown angle '" + angle + "'; use one of "
					+ String.join(", ", Angle.slugs()))));
	}

	@Override
	public Optional<DraftSummary> find(TenantId tenant, UUID draftId) {
		return drafts.find(tenant, draftId).map(DraftsFacade::summary);
	}

	@Override
	public java.util.List<DraftSummary> forLead(TenantId tenant, String leadExternalId) {
		return drafts.forLead(tenant, leadExternalId).stream().map(DraftsFacade::summary).toList();
	}

	static DraftSummary summary(Draft draft) {
		var p = draft.provenance();
		var sentences = draft.content()
			.sentences()
			.stream()
			.map(s -> new DraftSummary.Sentence(s.text(), s.citations()
				.stream()
				.map(c -> new DraftSummary.Citation(c.passageId(), c.documentId(), c.documentTitle(), c.headingPath(),
						c.snippet(), c.contentHash()))
				.toList()))
			.toList();
		return new DraftSummary(draft.id(), draft.tenant(), draft.leadExternalId(), draft.angle(), draft.tone(),
				draft.channel(), draft.status().name(), draft.failureReason(), draft.subject(), sentences,
				draft.content().callToAction(), draft.content().leadScore().score(), p.prompt(), p.variant(), p.model(),
				p.tier(), p.passages(), p.featureSnapshot(), p.promptTokens(), p.completionTokens(), p.cost(),
				draft.shadowOf(), draft.createdBy(), draft.createdAt(), p.language(), p.plan(), draft.content().score());
	}
}
