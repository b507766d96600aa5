package com.groundwork.campaign.internal;

import com.groundwork.identity.TenantId;
import java.util.UUID;

/** An item this instance holds the lease of. */
record ClaimedItem(UUID id, UUID campaignId, TenantId tenant, long seq, String leadExternalId, UUID draftId,
		int attempts) {
}
