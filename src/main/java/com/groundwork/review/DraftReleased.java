package com.groundwork.review;

import com.groundwork.identity.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * An approved draft passed the release checks (suppression, consent) and was handed to the tenant's delivery
 * channels, published in the transaction that recorded the release. Delivery itself (retries, dead letters) follows.
 *
 * @param channels {@code webhook} and/or {@code smtp}
 */
public record DraftReleased(TenantId tenant, UUID draftId, String leadExternalId, String releasedBy,
		List<String> channels, Instant occurredAt) {

	public DraftReleased {
		Objects.requireNonNull(tenant, "tenant");
		Objects.requireNonNull(draftId, "draftId");
		Objects.requireNonNull(leadExternalId, "leadExternalId");
		Objects.requireNonNull(releasedBy, "releasedBy");
		Objects.requireNonNull(occurredAt, "occurredAt");
		channels = List.copyOf(channels);
	}
}
