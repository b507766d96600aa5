package com.groundwork.drafting.internal;

import java.util.List;

/**
 * Everything a tier writes a draft from.
 *
 * @param guidance what the guardrails found in a previous attempt, for a model tier to fix (empty for a first draft)
 */
record DraftInput(PromptFile prompt, Angle angle, Tone tone, LeadContext lead, List<GroundingPassage> passages,
		List<String> guidance) {

	DraftInput {
		passages = List.copyOf(passages);
		guidance = List.copyOf(guidance);
	}

	DraftInput(PromptFile prompt, Angle angle, Tone tone, LeadContext lead, List<GroundingPassage> passages) {
		this(prompt, angle, tone, lead, passages, List.of());
	}

	DraftInput withGuidance(List<String> guidance) {
		return new DraftInput(prompt, angle, tone, lead, passages, guidance);
	}
}
