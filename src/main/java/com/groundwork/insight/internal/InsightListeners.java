package com.groundwork.insight.internal;

import com.groundwork.campaign.CampaignDrafts;
import com.groundwork.drafting.DraftGenerated;
import com.groundwork.guardrail.DraftChecked;
import com.groundwork.identity.TenantId;
import com.groundwork.identity.Tenants;
import com.groundwork.review.DraftApproved;
import com.groundwork.review.DraftRejected;
import com.groundwork.review.DraftReleased;
import java.time.Duration;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Feeds insight's read model and meters from the pipeline's events. Each listener runs after the publishing
 * transaction commits, in its own, and is retried from the event publication registry if it fails; every write is
 * idempotent, so a redelivery counts nothing twice.
 */
@Component
class InsightListeners {

	private final InsightRepository repository;
	private final InsightMetrics metrics;
	private final Tenants tenants;
	private final CampaignDrafts campaigns;

	InsightListeners(InsightRepository repository, InsightMetrics metrics, Tenants tenants, CampaignDrafts campaigns) {
		this.repository = repository;
		this.metrics = metrics;
		this.tenants = tenants;
		this.campaigns = campaigns;
	}

	@ApplicationModuleListener
	void on(DraftGenerated event) {
		var figures = event.figures();
		var campaign = event.channel().equals("campaign") ? campaigns.campaignOf(event.tenant(), event.draftId())
				: java.util.Optional.<CampaignDrafts.CampaignRef>empty();
		var scores = figures.retrievalScores();
		var mean = scores.isEmpty() ? null : scores.stream().mapToDouble(Double::doubleValue).average().orElse(0);
		boolean added = repository.insertGenerated(new InsightRepository.GeneratedRow(event.tenant(), event.draftId(),
				event.leadExternalId(), event.angle(), event.prompt(), event.variant(), event.model(), event.tier(),
				event.channel(), campaign.map(CampaignDrafts.CampaignRef::id).orElse(null),
				campaign.map(CampaignDrafts.CampaignRef::name).orElse(null), figures.promptTokens(),
				figures.completionTokens(), figures.cost(), figures.latencyMillis(), figures.topRetrievalScore(), mean,
				figures.confidence(), event.occurredAt(), false, figures.emailScore()));
		if (added) {
			metrics.generated(slugOf(event.tenant()), event);
		}
	}

	@ApplicationModuleListener
	void on(DraftChecked event) {
		if (repository.upsertCheck(event.tenant(), event.draftId(), event.verdict(), event.findings(), event.repairs(),
				event.ruleIds(), event.occurredAt())) {
			metrics.checked(slugOf(event.tenant()), event.verdict(), event.ruleIds());
		}
	}

	@ApplicationModuleListener
	void on(DraftApproved event) {
		if (repository.upsertDecision(event.tenant(), event.draftId(), "APPROVED", null, event.edited(),
				event.editDistance(), event.occurredAt())) {
			metrics.decided(slugOf(event.tenant()), "APPROVED", "none", event.editDistance(),
					sinceGenerated(event.tenant(), event.draftId(), event.occurredAt()));
		}
	}

	@ApplicationModuleListener
	void on(DraftRejected event) {
		if (repository.upsertDecision(event.tenant(), event.draftId(), "REJECTED", event.reason(), false, 0,
				event.occurredAt())) {
			metrics.decided(slugOf(event.tenant()), "REJECTED", event.reason(), 0,
					sinceGenerated(event.tenant(), event.draftId(), event.occurredAt()));
		}
	}

	@ApplicationModuleListener
	void on(DraftReleased event) {
		if (repository.insertRelease(event.tenant(), event.draftId(), event.leadExternalId(), event.occurredAt())) {
			metrics.released(slugOf(event.tenant()));
		}
	}

	private Duration sinceGenerated(com.groundwork.identity.TenantId tenant, java.util.UUID draftId,
			java.time.Instant decidedAt) {
		return repository.generatedAt(tenant, draftId)
			.map(generated -> Duration.between(generated, decidedAt))
			.orElse(Duration.ofSeconds(-1));
	}

	/** The tenant's slug for metric tags ({@code unknown} for a tenant deleted meanwhile). */
	private String slugOf(TenantId tenant) {
		return tenants.slugOf(tenant).orElse("unknown");
	}
}
