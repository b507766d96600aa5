package com.groundwork.drafting;

import com.groundwork.identity.TenantId;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A request for one draft from another module.
 *
 * @param angle {@code intro}, {@code follow-up}, {@code case-study}, {@code event-invite} or {@code re-engagement}
 * @param tone {@code professional}, {@code friendly}, … (null: the default)
 * @param channel {@code api}, {@code sidebar} or {@code campaign}; decides the tiers tried
 * @param guidance what a reviewer asked to change (rework), passed to the model as guidance; null for a first draft
 */
public record DraftOrder(TenantId tenant, String tenantSlug, String requestedBy, String leadExternalId, String angle,
		@Nullable String tone, String channel, @Nullable String guidance) {

	public DraftOrder {
		Objects.requireNonNull(tenant, "tenant");
		Objects.requireNonNull(tenantSlug, "tenantSlug");
		Objects.requireNonNull(requestedBy, "requestedBy");
		Objects.requireNonNull(leadExternalId, "leadExternalId");
		Objects.requireNonNull(angle, "angle");
		Objects.requireNonNull(channel, "channel");
	}
}
