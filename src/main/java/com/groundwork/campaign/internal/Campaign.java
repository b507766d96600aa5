package com.groundwork.campaign.internal;

import com.groundwork.identity.TenantId;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A stored campaign (its items are counted separately). */
record Campaign(UUID id, TenantId tenant, String name, String angle, @Nullable String promptVariant,
		CampaignStatus status, @Nullable String idempotencyKey, @Nullable String requestHash,
		@Nullable ImportSummary importSummary, long items, String createdBy, Instant createdAt, Instant updatedAt,
		@Nullable Instant startedAt, @Nullable Instant finishedAt) {
}
