package com.groundwork.lead.internal.store;

import com.groundwork.identity.TenantId;
import com.groundwork.lead.internal.contract.LeadV2;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A lead as stored: the contract in its latest version plus bookkeeping.
 *
 * @param version starts at 1 and grows with every change of the contract
 * @param lastSequence the highest CRM event sequence applied, 0 before any
 */
public record StoredLead(UUID id, TenantId tenant, String externalId, LeadV2 lead, long version, long lastSequence,
		Instant createdAt, Instant updatedAt) {

	public StoredLead {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(tenant, "tenant");
		Objects.requireNonNull(externalId, "externalId");
		Objects.requireNonNull(lead, "lead");
		if (version < 1 || lastSequence < 0) {
			throw new IllegalArgumentException("version starts at 1 and sequences at 0");
		}
	}
}
