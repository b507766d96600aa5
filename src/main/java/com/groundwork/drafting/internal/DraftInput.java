package com.groundwork.drafting.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything a tier writes a draft from.
 *
 * @param guidance what the guardrails found in a previous attempt, for a model tier to fix (empty for a first draft)
 * @param rework why a reviewer rejected an earlier draft for this lead and angle (a rework), or null
 * @param plan the evidence plan the passages come from (each passage's slot and why it was chosen)
 * @param language the language the lead reads (ISO 639-1), empty when not known
 */
record DraftInput(PromptFile prompt, Angle angle, Tone tone, LeadContext lead, List<GroundingPassage> passages,
		List<String> guidance, @Nullable String rework, EvidencePlan plan, String language) {

	DraftInput {
		passages = List.copyOf(passages);
		guidance = List.copyOf(guidance);
		language = language == null ? "" : language;
	}

	DraftInput(PromptFile prompt, Angle angle, Tone tone, LeadContext lead, List<GroundingPassage> passages,
			List<String> guidance, @Nullable String rework) {
		this(prompt, angle, tone, lead, passages, guidance, rework, new EvidencePlan(List.of(), ""), "");
	}

	DraftInput(PromptFile prompt, Angle angle, Tone tone, LeadContext lead, List<GroundingPassage> passages) {
		this(prompt, angle, tone, lead, passages, List.of(), null);
	}

	DraftInput(PromptFile prompt, Angle angle, Tone tone, LeadContext lead, List<GroundingPassage> passages,
			@Nullable String rework) {
		this(prompt, angle, tone, lead, passages, List.of(), rework);
	}

	DraftInput withGuidance(List<String> guidance) {
		return new DraftInput(prompt, angle, tone, lead, passages, guidance, rework, plan, language);
	}
}
