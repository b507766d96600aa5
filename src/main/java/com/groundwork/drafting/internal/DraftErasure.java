package com.groundwork.drafting.internal;

import com.groundwork.guardrail.Guardrails;
import com.groundwork.lead.LeadErased;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * An erased lead's drafts go with it, in the erasure's transaction; the draft cache is emptied, since its entries hold
 * texts written for the lead (keyed by hashes, so they cannot be picked out one by one).
 */
@Component
class DraftErasure {

	private final DraftRepository drafts;
	private final DraftCache cache;
	private final Guardrails guardrails;

	DraftErasure(DraftRepository drafts, DraftCache cache, Guardrails guardrails) {
		this.drafts = drafts;
		this.cache = cache;
		this.guardrails = guardrails;
	}

	@EventListener
	void on(LeadErased event) {
		guardrails.forget(event.tenant(), drafts.idsForLead(event.tenant(), event.externalId()));
		drafts.deleteForLead(event.tenant(), event.externalId());
		cache.clear();
	}
}
