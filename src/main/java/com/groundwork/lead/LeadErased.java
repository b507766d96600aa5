package com.groundwork.lead;

import com.groundwork.identity.TenantId;
import java.time.Instant;
import java.util.Objects;

/**
 * A lead was erased on its data subject's request, published in the transaction that deleted it: modules holding
 * anything about the lead (drafts, reviews, caches) erase it in the same transaction.
 */
public record LeadErased(TenantId tenant, String externalId, Instant occurredAt) {

	public LeadErased {
		Objects.requireNonNull(tenant, "tenant");
		Objects.requireNonNull(externalId, "externalId");
		Objects.requireNonNull(occurredAt, "occurredAt");
	}
}
