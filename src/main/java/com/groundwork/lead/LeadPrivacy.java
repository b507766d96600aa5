package com.groundwork.lead;

import com.groundwork.identity.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * What the lead module holds about a data subject, found by their address, for GDPR access and erasure requests.
 */
public interface LeadPrivacy {

	/** The tenant's leads whose contact has this address, with their feature snapshots. */
	List<SubjectLead> leadsOf(TenantId tenant, String email);

	/**
	 * Deletes the tenant's leads with this address, their feature snapshots included, publishing {@link LeadErased}
	 * for each in the caller's transaction (other modules erase what they hold about the lead).
	 * @return the external ids of the erased leads
	 */
	List<String> erase(TenantId tenant, String email);

	/** One lead as a data subject may see it: the contract as stored and every feature snapshot taken of it. */
	record SubjectLead(String externalId, long version, Instant createdAt, Instant updatedAt, JsonNode contract,
			List<FeatureSnapshot> snapshots) {

		public SubjectLead {
			Objects.requireNonNull(externalId, "externalId");
			snapshots = List.copyOf(snapshots);
		}
	}
}
