package com.groundwork.campaign;

import com.groundwork.identity.TenantId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Every item of a campaign reached its terminal state, published in the transaction that recorded it (once per
 * campaign, whichever instance saw it). Carries no personal data: read the items through the campaign API.
 *
 * @param outcome {@code COMPLETED}, or {@code CANCELLED} when it was cancelled before its end
 * @param counts items per terminal state: {@code DRAFTED}, {@code BLOCKED}, {@code SUPPRESSED}, {@code FAILED},
 * {@code CANCELLED}
 */
public record CampaignCompleted(TenantId tenant, UUID campaignId, String name, String outcome,
		Map<String, Long> counts, Instant occurredAt) {

	public CampaignCompleted {
		Objects.requireNonNull(tenant, "tenant");
		Objects.requireNonNull(campaignId, "campaignId");
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(outcome, "outcome");
		Objects.requireNonNull(occurredAt, "occurredAt");
		counts = Map.copyOf(counts);
	}
}
