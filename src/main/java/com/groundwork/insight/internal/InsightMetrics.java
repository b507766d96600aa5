package com.groundwork.insight.internal;

import com.groundwork.drafting.DraftGenerated;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The pipeline's business meters, recorded from its events (the stage timers and spans come from the stages'
 * own observations). Tags are bounded: tenant slug, angle, prompt, variant, model, tier, verdict, rule, decision,
 * reason and outcome type; never a lead, draft or event id.
 */
@Component
class InsightMetrics {

	/** Buckets for scores between 0 and 1 (retrieval similarity, confidence), so dashboards can draw histograms. */
	private static final double[] UNIT_BUCKETS = { 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.0 };

	private final MeterRegistry registry;

	InsightMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void generated(String tenant, DraftGenerated event) {
		var figures = event.figures();
		var tier = String.valueOf(event.tier());
		Counter.builder("groundwork.drafts.generated")
			.description("Drafts generated and stored")
			.tags("tenant", tenant, "angle", event.angle(), "prompt", event.prompt(), "variant", event.variant(),
					"model", event.model(), "tier", tier, "channel", event.channel())
			.register(registry)
			.increment();
		var top = figures.topRetrievalScore();
		if (top != null) {
			DistributionSummary.builder("groundwork.draft.retrieval.score")
				.description("Vector-search score of the best passage a draft stood on")
				.tags("tenant", tenant, "angle", event.angle(), "variant", event.variant())
				.serviceLevelObjectives(UNIT_BUCKETS)
				.register(registry)
				.record(top);
		}
		DistributionSummary.builder("groundwork.draft.confidence")
			.description("Share of a draft's body sentences its tier grounded with a citation")
			.tags("tenant", tenant, "variant", event.variant(), "model", event.model(), "tier", tier)
			.serviceLevelObjectives(UNIT_BUCKETS)
			.register(registry)
			.record(figures.confidence());
		DistributionSummary.builder("groundwork.draft.cost")
			.description("Model cost of a draft, in the currency of the tiers' prices")
			.tags("tenant", tenant, "model", event.model(), "tier", tier)
			.register(registry)
			.record(figures.cost().doubleValue());
		Counter.builder("groundwork.draft.tokens")
			.tags("tenant", tenant, "model", event.model(), "tier", tier, "kind", "prompt")
			.register(registry)
			.increment(figures.promptTokens());
		Counter.builder("groundwork.draft.tokens")
			.tags("tenant", tenant, "model", event.model(), "tier", tier, "kind", "completion")
			.register(registry)
			.increment(figures.completionTokens());
	}

	void checked(String tenant, String verdict, List<String> rules) {
		Counter.builder("groundwork.drafts.checked")
			.description("Drafts with their first guardrail verdict")
			.tags("tenant", tenant, "verdict", verdict)
			.register(registry)
			.increment();
		for (var rule : rules.stream().distinct().toList()) {
			Counter.builder("groundwork.guardrail.findings")
				.description("Drafts with a finding of the rule, by the draft's verdict")
				.tags("tenant", tenant, "rule", rule, "verdict", verdict)
				.register(registry)
				.increment();
		}
	}

	void decided(String tenant, String decision, String reason, int editDistance, Duration sinceGenerated) {
		Counter.builder("groundwork.review.decisions")
			.description("Reviewers' decisions")
			.tags("tenant", tenant, "decision", decision, "reason", reason)
			.register(registry)
			.increment();
		if (decision.equals("APPROVED")) {
			DistributionSummary.builder("groundwork.review.edit.distance")
				.description("Word-level edit distance between the AI draft and the approved text")
				.tags("tenant", tenant)
				.register(registry)
				.record(editDistance);
		}
		if (!sinceGenerated.isNegative()) {
			Timer.builder("groundwork.review.time.to.decision")
				.description("From generation to the reviewer's decision")
				.tags("tenant", tenant, "decision", decision)
				.publishPercentileHistogram()
				.register(registry)
				.record(sinceGenerated);
		}
	}

	void released(String tenant) {
		Counter.builder("groundwork.drafts.released").tags("tenant", tenant).register(registry).increment();
	}

	void outcome(String tenant, OutcomeType type) {
		Counter.builder("groundwork.outcomes")
			.description("Outcomes of released drafts reported by the e-mail or CRM system")
			.tags("tenant", tenant, "type", type.slug())
			.register(registry)
			.increment();
	}
}
