package com.groundwork.drafting.internal;

import java.util.List;

/** Everything a tier writes a draft from. */
record DraftInput(PromptFile prompt, Angle angle, Tone tone, LeadContext lead, List<GroundingPassage> passages) {
}
