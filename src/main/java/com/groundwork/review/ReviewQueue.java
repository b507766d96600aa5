package com.groundwork.review;

import com.groundwork.identity.TenantId;
import java.util.Optional;
import java.util.UUID;

/** The review queue for other modules (campaigns): label drafts with their campaign, and follow their review. */
public interface ReviewQueue {

	/**
	 * Labels a draft with the campaign that ordered it, so the queue can be filtered by campaign. May be called before
	 * the draft reaches the queue; the label is kept for its reworks.
	 */
	void labelCampaign(TenantId tenant, UUID draftId, String campaign);

	/** Where a draft is in review: {@code GENERATED} (not checked yet), {@code CHECKED}, … {@code RELEASED}. */
	Optional<String> stateOf(TenantId tenant, UUID draftId);
}
