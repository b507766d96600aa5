package com.groundwork.drafting.internal;

import com.groundwork.identity.TenantId;

/** One draft to write. */
record GenerationRequest(TenantId tenant, String tenantSlug, String actor, String leadExternalId, Angle angle,
		Tone tone, Channel channel) {

	/** Where a request comes from, which decides the tiers tried. */
	enum Channel {
		API, SIDEBAR, CAMPAIGN;

		boolean interactive() {
			return this != CAMPAIGN;
		}
	}
}
