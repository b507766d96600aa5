package com.groundwork.drafting;

import com.groundwork.identity.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A draft was generated and stored, published in the transaction that stored it. Carries no personal data and no
 * draft text: read the draft through the drafting API. Failed and shadow drafts publish nothing.
 *
 * @param prompt the prompt it was generated from, {@code id@version}
 * @param model the model that wrote it ({@code offline-drafter} for tier 0)
 * @param tier 0 (offline), 1 (small model) or 2 (large model)
 * @param featureSnapshot the lead feature snapshot it was grounded in, {@code id@contentHash}
 */
public record DraftGenerated(TenantId tenant, UUID draftId, String leadExternalId, String angle, String prompt,
		String model, int tier, String featureSnapshot, Instant occurredAt) {

	public DraftGenerated {
		Objects.requireNonNull(tenant, "tenant");
		Objects.requireNonNull(draftId, "draftId");
		Objects.requireNonNull(leadExternalId, "leadExternalId");
		Objects.requireNonNull(angle, "angle");
		Objects.requireNonNull(prompt, "prompt");
		Objects.requireNonNull(model, "model");
		Objects.requireNonNull(featureSnapshot, "featureSnapshot");
		Objects.requireNonNull(occurredAt, "occurredAt");
	}
}
