package com.groundwork.drafting.internal;

import java.math.BigDecimal;

/**
 * What one tier wrote, with its cost.
 *
 * @param model the model's name ({@code offline-drafter} for tier 0)
 * @param modelMillis time spent waiting for the model
 * @param repaired whether a malformed answer was fixed by one repair re-ask
 * @param language the language the draft is written in (ISO 639-1), empty when not known
 */
record Composition(ModelDraft draft, int tier, String model, int promptTokens, int completionTokens, BigDecimal cost,
		long modelMillis, boolean repaired, boolean cached, String language) {

	Composition(ModelDraft draft, int tier, String model, int promptTokens, int completionTokens, BigDecimal cost,
			long modelMillis, boolean repaired, boolean cached) {
		this(draft, tier, model, promptTokens, completionTokens, cost, modelMillis, repaired, cached, "");
	}

	/** The same composition with a draft the guardrail repairs edited. */
	Composition withDraft(ModelDraft edited) {
		return new Composition(edited, tier, model, promptTokens, completionTokens, cost, modelMillis, repaired, cached,
				language);
	}

	/** A re-prompted draft, its tokens, cost and model time added to what the first answer took. */
	Composition plus(Composition again) {
		return new Composition(again.draft(), tier, model, promptTokens + again.promptTokens(),
				completionTokens + again.completionTokens(), cost.add(again.cost()), modelMillis + again.modelMillis(),
				repaired || again.repaired(), cached, language);
	}

	Composition fromCache() {
		return new Composition(draft, tier, model, 0, 0, BigDecimal.ZERO, 0, repaired, true, language);
	}
}
