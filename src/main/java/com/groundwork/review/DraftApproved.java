package com.groundwork.review;

import com.groundwork.identity.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A reviewer approved a draft, published in the transaction that recorded the decision. Carries no draft text and no
 * personal data: read the decision through the review API.
 *
 * @param edited whether the reviewer changed the text before approving (it was re-checked by the guardrails)
 * @param editDistance word-level edit distance between the AI draft and the approved text (0 when not edited)
 */
public record DraftApproved(TenantId tenant, UUID draftId, String leadExternalId, String approvedBy, boolean edited,
		int editDistance, Instant occurredAt) {

	public DraftApproved {
		Objects.requireNonNull(tenant, "tenant");
		Objects.requireNonNull(draftId, "draftId");
		Objects.requireNonNull(leadExternalId, "leadExternalId");
		Objects.requireNonNull(approvedBy, "approvedBy");
		Objects.requireNonNull(occurredAt, "occurredAt");
	}
}
