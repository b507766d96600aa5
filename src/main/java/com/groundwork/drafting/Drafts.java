package com.groundwork.drafting;

import com.groundwork.identity.TenantId;
import java.util.Optional;
import java.util.UUID;

/** Drafting's public API for other modules (review, campaigns): generate drafts and read them. */
public interface Drafts {

	/**
	 * Writes one draft now, through the whole pipeline (snapshot, retrieval, tiers, guardrails), on behalf of
	 * {@link DraftOrder#requestedBy()}.
	 * @throws com.groundwork.lead.LeadNotFoundException when the tenant has no such lead
	 * @throws IllegalArgumentException when the angle or tone is unknown
	 */
	DraftSummary generate(DraftOrder order);

	/** A stored draft of the tenant, or empty; shadow drafts are never returned (they are never shown or released). */
	Optional<DraftSummary> find(TenantId tenant, UUID draftId);

	/** Every shown draft of the tenant for the lead, oldest first (a data subject's export). */
	java.util.List<DraftSummary> forLead(TenantId tenant, String leadExternalId);
}
