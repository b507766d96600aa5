package com.groundwork.drafting.internal;

import com.groundwork.identity.TenantId;
import org.jspecify.annotations.Nullable;

/**
 * One draft to write.
 *
 * @param guidance what a reviewer asked to change when rejecting an earlier draft (rework), or null
 */
record GenerationRequest(TenantId tenant, String tenantSlug, String actor, String leadExternalId, Angle angle,
		Tone tone, Channel channel, @Nullable String guidance) {

	/** A first draft: no reviewer guidance. */
	GenerationRequest(TenantId tenant, String tenantSlug, String actor, String leadExternalId, Angle angle, Tone tone,
			Channel channel) {
		this(tenant, tenantSlug, actor, leadExternalId, angle, tone, channel, null);
	}

	/** Where a request comes from, which decides the tiers tried. */
	enum Channel {
		API, SIDEBAR, CAMPAIGN;

		boolean interactive() {
			return this != CAMPAIGN;
		}
	}
}
