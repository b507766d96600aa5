package com.groundwork.drafting.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writing stage: the tiers the routing chose, in order, until one writes a draft whose citations are all among
 * the passages; a cached composition of the same input and model is reused.
 */
class TierWriter {

	private static final Logger log = LoggerFactory.getLogger(TierWriter.class);

	private final TierRouting tiers;
	private final DraftCache cache;
	private final DraftStages stages;

	TierWriter(TierRouting tiers, DraftCache cache, DraftStages stages) {
		this.tiers = tiers;
		this.cache = cache;
		this.stages = stages;
	}

	/** What was written and by which tier, or why nothing was; every tier tried is in {@code attempts}. */
	record Written(@Nullable Composition composition, @Nullable Drafter writer, @Nullable String failure) {
	}

	Written write(GenerationRequest request, String variant, DraftInput input, double budgetLeft,
			List<Draft.Attempt> attempts) {
		String failure = null;
		for (var drafter : tiers.plan(request.tenant(), request.channel(), input.lead().score().score(), budgetLeft)) {
			var key = DraftCache.key(input, drafter.model());
			var cached = cache.get(key);
			if (cached.isPresent()) {
				attempts.add(new Draft.Attempt(drafter.tier(), drafter.model(), "cached", null));
				return new Written(cached.get().fromCache(), drafter, null);
			}
			try {
				var composition = DraftStages.observed(stages.generation(request, variant, drafter), () -> {
					var answer = drafter.write(input);
					Citations.check(answer.draft(), input.passages());
					return answer;
				});
				cache.put(key, composition);
				attempts.add(new Draft.Attempt(drafter.tier(), drafter.model(), "generated", null));
				return new Written(composition, drafter, null);
			}
			catch (DraftingFailedException ex) {
				failure = "Tier " + drafter.tier() + " (" + drafter.model() + "): " + ex.getMessage();
				attempts.add(new Draft.Attempt(drafter.tier(), drafter.model(), ex.code(), ex.getMessage()));
				log.info("Draft for lead {} angle {}: tier {} failed ({})", request.leadExternalId(),
						request.angle().slug(), drafter.tier(), ex.code());
			}
		}
		return new Written(null, null, failure);
	}
}
