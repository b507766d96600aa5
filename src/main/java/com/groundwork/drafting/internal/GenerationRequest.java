package com.groundwork.drafting.internal;

import com.groundwork.identity.TenantId;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One draft to write.
 *
 * @param guidance what a reviewer asked to change when rejecting an earlier draft (rework), or null
 * @param draftId the id the draft must have (idempotent requests from other modules), or null for a new one
 * @param promptVariant {@code stable} or {@code canary} to force that prompt version, or null to route by the lead
 */
record GenerationRequest(TenantId tenant, String tenantSlug, String actor, String leadExternalId, Angle angle,
		Tone tone, Channel channel, @Nullable String guidance, @Nullable UUID draftId, @Nullable String promptVariant) {

	/** A first draft: no reviewer guidance, a new id, the prompt version chosen by the lead. */
	GenerationRequest(TenantId tenant, String tenantSlug, String actor, String leadExternalId, Angle angle, Tone tone,
			Channel channel) {
		this(tenant, tenantSlug, actor, leadExternalId, angle, tone, channel, null, null, null);
	}

	/** Where a request comes from, which decides the tiers tried. */
	enum Channel {
		API, SIDEBAR, CAMPAIGN;

		boolean interactive() {
			return this != CAMPAIGN;
		}
	}
}
