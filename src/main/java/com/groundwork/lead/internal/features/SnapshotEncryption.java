package com.groundwork.lead.internal.features;

import com.groundwork.identity.TenantId;
import com.groundwork.lead.FeatureSnapshot;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** What the store's rotation and erasure need of the snapshots, which this package keeps to itself. */
@Component
public class SnapshotEncryption {

	private final FeatureSnapshotRepository snapshots;

	SnapshotEncryption(FeatureSnapshotRepository snapshots) {
		this.snapshots = snapshots;
	}

	public int reencrypt(int limit) {
		return snapshots.reencrypt(limit);
	}

	public List<FeatureSnapshot> findForLead(TenantId tenant, UUID leadId) {
		return snapshots.findForLead(tenant, leadId);
	}
}
