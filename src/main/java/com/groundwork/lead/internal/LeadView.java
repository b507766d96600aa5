package com.groundwork.lead.internal;

import com.groundwork.lead.LeadScore;
import com.groundwork.lead.internal.contract.LeadV2;
import java.time.Instant;

/**
 * A lead as the API shows it.
 *
 * @param version grows with every change of the contract
 * @param lastSequence the last CRM event sequence applied (0 before any)
 * @param suppressed whether the address is on the tenant's do-not-contact list
 * @param lead the contract in its latest version
 */
record LeadView(String externalId, long version, long lastSequence, Instant createdAt, Instant updatedAt,
		boolean suppressed, LeadScore score, LeadV2 lead) {
}
