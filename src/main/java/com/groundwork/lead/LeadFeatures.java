package com.groundwork.lead;

import com.groundwork.identity.TenantId;
import java.util.Optional;
import java.util.UUID;

/**
 * Feature snapshots of leads: what drafting grounds a draft in. Takes the tenant explicitly, so background work
 * (campaigns) can call it; request handlers pass the current actor's tenant.
 */
public interface LeadFeatures {

	/**
	 * Computes every registered feature of the lead's current version and stores the result as a new snapshot.
	 * @throws LeadNotFoundException when the tenant has no such lead
	 */
	FeatureSnapshot snapshot(TenantId tenant, String externalId);

	/** A stored snapshot, exactly as it was taken; empty for another tenant's snapshot. */
	Optional<FeatureSnapshot> findSnapshot(TenantId tenant, UUID snapshotId);
}
