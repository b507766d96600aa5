package com.groundwork.drafting;

import com.groundwork.identity.TenantId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Drafting's public API for other modules (review, campaigns): generate drafts and read them. */
public interface Drafts {

	/**
	 * Writes one draft now, through the whole pipeline (snapshot, retrieval, tiers, guardrails), on behalf of
	 * {@link DraftOrder#requestedBy()}. With {@link DraftOrder#draftId()} set and a draft of that id stored, answers
	 * that draft and generates nothing.
	 * @throws com.groundwork.lead.LeadNotFoundException when the tenant has no such lead
	 * @throws IllegalArgumentException when the angle, tone or prompt variant is unknown
	 * @throws org.springframework.web.ErrorResponseException a 429 problem when the tenant's daily budget is used up
	 * ({@link #budget} tells beforehand)
	 */
	DraftSummary generate(DraftOrder order);

	/** A stored draft of the tenant, or empty; shadow drafts are never returned (they are never shown or released). */
	Optional<DraftSummary> find(TenantId tenant, UUID draftId);

	/** Every shown draft of the tenant for the lead, oldest first (a data subject's export). */
	java.util.List<DraftSummary> forLead(TenantId tenant, String leadExternalId);

	/** The tenant's daily budget as it stands: what is left, and whether and until when it is used up. */
	DraftBudgetStatus budget(TenantId tenant, String tenantSlug);

	/** The angles a draft may take, e.g. {@code intro}. */
	List<String> angles();

	/**
	 * The prompt variants a {@link DraftOrder#promptVariant()} may name for the tenant and angle: {@code stable}, and
	 * {@code canary} when the tenant's settings have a canary version for it.
	 * @throws IllegalArgumentException when the angle is unknown
	 */
	List<String> promptVariants(String tenantSlug, String angle);
}
