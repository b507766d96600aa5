package com.groundwork.drafting.internal;

import java.math.BigDecimal;

/**
 * What one tier wrote, with its cost.
 *
 * @param model the model's name ({@code offline-drafter} for tier 0)
 * @param modelMillis time spent waiting for the model
 * @param repaired whether a malformed answer was fixed by one repair re-ask
 */
record Composition(ModelDraft draft, int tier, String model, int promptTokens, int completionTokens, BigDecimal cost,
		long modelMillis, boolean repaired, boolean cached) {

	Composition fromCache() {
		return new Composition(draft, tier, model, 0, 0, BigDecimal.ZERO, 0, repaired, true);
	}
}
