package com.groundwork.lead;

import com.groundwork.identity.TenantId;

/** Lead scores, e.g. to order a review queue. */
public interface LeadScores {

	/**
	 * The lead's current score with its reasons; deterministic for a lead, a tenant's profile and a day.
	 * @throws LeadNotFoundException when the tenant has no such lead
	 */
	LeadScore scoreOf(TenantId tenant, String externalId);
}
