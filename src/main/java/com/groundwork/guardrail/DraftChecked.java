package com.groundwork.guardrail;

import com.groundwork.identity.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A stored draft was checked and its verdict recorded, published in the transaction that recorded it. Every
 * generated draft gets one; the review queue takes every draft whose verdict is not {@code BLOCKED}.
 *
 * @param verdict {@code PASSED}, {@code NEEDS_REPAIR} or {@code BLOCKED}
 * @param ruleIds the rule ids of the findings, most severe first
 * @param repairs how many repair rounds ran before this verdict
 */
public record DraftChecked(TenantId tenant, UUID draftId, String verdict, int findings, List<String> ruleIds,
		int repairs, Instant occurredAt) {

	public DraftChecked {
		Objects.requireNonNull(tenant, "tenant");
		Objects.requireNonNull(draftId, "draftId");
		Objects.requireNonNull(verdict, "verdict");
		Objects.requireNonNull(occurredAt, "occurredAt");
		ruleIds = List.copyOf(ruleIds);
	}
}
