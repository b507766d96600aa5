package com.groundwork.review;

import com.groundwork.identity.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A reviewer rejected a draft, published in the transaction that recorded the decision.
 *
 * @param reason the code of a configured rejection reason ({@code groundwork.review.reasons})
 * @param comment the reviewer's free text, or null
 * @param rework whether the reason asks for the draft to be regenerated with the reason as guidance
 */
public record DraftRejected(TenantId tenant, UUID draftId, String leadExternalId, String reason,
		@Nullable String comment, String rejectedBy, boolean rework, Instant occurredAt) {

	public DraftRejected {
		Objects.requireNonNull(tenant, "tenant");
		Objects.requireNonNull(draftId, "draftId");
		Objects.requireNonNull(leadExternalId, "leadExternalId");
		Objects.requireNonNull(reason, "reason");
		Objects.requireNonNull(rejectedBy, "rejectedBy");
		Objects.requireNonNull(occurredAt, "occurredAt");
	}
}
