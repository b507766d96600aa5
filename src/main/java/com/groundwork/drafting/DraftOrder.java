package com.groundwork.drafting;

import com.groundwork.identity.TenantId;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A request for one draft from another module.
 *
 * @param angle {@code intro}, {@code follow-up}, {@code case-study}, {@code event-invite} or {@code re-engagement}
 * @param tone {@code professional}, {@code friendly}, … (null: the default)
 * @param channel {@code api}, {@code sidebar} or {@code campaign}; decides the tiers tried
 * @param guidance what a reviewer asked to change (rework), passed to the model as guidance; null for a first draft
 * @param draftId the id the draft is to have, chosen by the caller so that asking again is idempotent: when a draft
 * with this id exists, it is answered as it is and nothing is generated (and two concurrent requests store one draft,
 * the id being the draft's primary key); null for a new id
 * @param promptVariant {@code stable} or {@code canary}: use that prompt version of the tenant's variant settings for
 * every lead instead of choosing by the lead (see {@link Drafts#promptVariants}); null to choose as usual
 */
public record DraftOrder(TenantId tenant, String tenantSlug, String requestedBy, String leadExternalId, String angle,
		@Nullable String tone, String channel, @Nullable String guidance, @Nullable UUID draftId,
		@Nullable String promptVariant) {

	public DraftOrder {
		Objects.requireNonNull(tenant, "tenant");
		Objects.requireNonNull(tenantSlug, "tenantSlug");
		Objects.requireNonNull(requestedBy, "requestedBy");
		Objects.requireNonNull(leadExternalId, "leadExternalId");
		Objects.requireNonNull(angle, "angle");
		Objects.requireNonNull(channel, "channel");
	}

	/** A new draft with a new id and the prompt version chosen by the lead. */
	public DraftOrder(TenantId tenant, String tenantSlug, String requestedBy, String leadExternalId, String angle,
			@Nullable String tone, String channel, @Nullable String guidance) {
		this(tenant, tenantSlug, requestedBy, leadExternalId, angle, tone, channel, guidance, null, null);
	}
}
