package com.groundwork.drafting.internal;

import com.groundwork.guardrail.Guardrails;
import com.groundwork.lead.LeadFeatures;
import com.groundwork.lead.LeadScores;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What every draft pipeline shares, built once in configuration. The service's pipeline and the evaluations' differ
 * only in their planner and tiers (evaluations: chosen tiers, no cache, no budget, unobserved), so they are built here
 * from the same parts instead of by hand.
 */
record DraftPipelines(LeadFeatures leadFeatures, LeadScores leadScores, VariantRouter router, DraftRepository drafts,
		ApplicationEventPublisher events, TransactionTemplate transactions, DraftingSettings settings, Clock clock,
		Guardrails guardrails, Languages languages, DraftScoring scoring) {

	/** The service's pipeline. */
	DraftPipeline pipeline(EvidencePlanner planner, TierRouting tiers, DraftCache cache, DraftBudget budget,
			ObservationRegistry observations) {
		return new DraftPipeline(this, planner, tiers, cache, budget, settings, observations);
	}

	/**
	 * A pipeline for an evaluation: the tiers given (by routing name: {@code offline}, {@code small}), tried in that
	 * order, nothing cached, no budget, every tier allowed in every region.
	 */
	DraftPipeline forEvaluation(EvidencePlanner planner, Map<String, Drafter> drafters) {
		var evaluation = new DraftingSettings(settings.promptsDir(), settings.passages(), Map.of(),
				new DraftingSettings.Routing(List.of("small", "offline"), List.of("small", "offline"), 101, 0),
				settings.variants(), settings.cache(), Map.of(), settings.sidebar(), settings.excludedTitles(), true,
				settings.repairRounds());
		return new DraftPipeline(this, planner, new TierRouting(drafters, evaluation, tenant -> ""),
				new DraftCache(Duration.ZERO, 0, clock), new DraftBudget(drafts, evaluation, clock), evaluation,
				ObservationRegistry.NOOP);
	}

	/** Tier 0, as every pipeline has it. */
	OfflineDrafter offline() {
		return new OfflineDrafter(languages.words());
	}

	java.util.concurrent.ExecutorService shadows() {
		return Executors.newVirtualThreadPerTaskExecutor();
	}
}
