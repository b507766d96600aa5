package com.groundwork.lead;

import com.groundwork.identity.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A lead was created or its contract changed, published in the transaction that stored it. Carries no personal data
 * (events are kept in the publication registry and may be externalized): read the lead through the module's API.
 *
 * @param version the lead's version after the change (1 when created)
 * @param origin what changed it
 */
public record LeadUpserted(TenantId tenant, UUID leadId, String externalId, long version, boolean created,
		Origin origin, Instant occurredAt) {

	/** Where a change came from. */
	public enum Origin {
		API, CSV_IMPORT, CRM_EVENT, DEMO_SEED
	}

	public LeadUpserted {
		Objects.requireNonNull(tenant, "tenant");
		Objects.requireNonNull(leadId, "leadId");
		Objects.requireNonNull(externalId, "externalId");
		Objects.requireNonNull(origin, "origin");
		Objects.requireNonNull(occurredAt, "occurredAt");
	}
}
