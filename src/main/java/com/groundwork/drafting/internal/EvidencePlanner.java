package com.groundwork.drafting.internal;

import com.groundwork.identity.TenantId;

/**
 * The first stage of a draft: what the email needs for this lead and angle (the prompt's slots), each slot filled by
 * its own hybrid search, with the reason for every choice.
 */
interface EvidencePlanner {

	/**
	 * @param language the language the lead reads (ISO 639-1), preferred among equally fitting documents
	 */
	EvidencePlan plan(TenantId tenant, PromptFile prompt, LeadContext lead, Interests interests, String language);
}
