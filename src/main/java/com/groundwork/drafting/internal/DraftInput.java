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
 * @param avoid sentences tier 0 must not quote again: the guardrails asked for their repair in an earlier attempt
 */
record DraftInput(PromptFile prompt, Angle angle, Tone tone, LeadContext lead, List<GroundingPassage> passages,
		List<String> guidance, @Nullable String rework, EvidencePlan plan, String language, java.util.Set<String> avoid) {

	DraftInput {
		passages = List.copyOf(passages);
		guidance = List.copyOf(guidance);
		language = language == null ? "" : language;
		avoid = avoid == null ? java.util.Set.of() : java.util.Set.copyOf(avoid);
	}

	DraftInput(PromptFile prompt, Angle angle, Tone tone, LeadContext lead, List<GroundingPassage> passages,
			List<String> guidance, @Nullable String rework, EvidencePlan plan, String language) {
		this(prompt, angle, tone, lead, passages, guidance, rework, plan, language, java.util.Set.of());
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
		return new DraftInput(prompt, angle, tone, lead, passages, guidance, rework, plan, language, avoid);
	}

	/** The same input, with more sentences tier 0 must not quote. */
	DraftInput avoiding(java.util.Collection<String> sentences) {
		var all = new java.util.HashSet<>(avoid);
		all.addAll(sentences);
		return new DraftInput(prompt, angle, tone, lead, passages, guidance, rework, plan, language, all);
	}
}
