package com.groundwork.drafting.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything a tier writes a draft from.
 *
 * @param guidance a reviewer's reason for rejecting the previous draft (rework), or null
 */
record DraftInput(PromptFile prompt, Angle angle, Tone tone, LeadContext lead, List<GroundingPassage> passages,
		@Nullable String guidance) {

	DraftInput(PromptFile prompt, Angle angle, Tone tone, LeadContext lead, List<GroundingPassage> passages) {
		this(prompt, angle, tone, lead, passages, null);
	}
}
