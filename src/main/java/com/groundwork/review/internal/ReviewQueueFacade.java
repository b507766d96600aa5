package com.groundwork.review.internal;

import com.groundwork.drafting.Drafts;
import com.groundwork.identity.TenantId;
import com.groundwork.review.ReviewQueue;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** {@link ReviewQueue} for other modules. */
@Service
class ReviewQueueFacade implements ReviewQueue {

	private final ReviewRepository items;
	private final Drafts drafts;

	ReviewQueueFacade(ReviewRepository items, Drafts drafts) {
		this.items = items;
		this.drafts = drafts;
	}

	@Override
	@Transactional
	public void labelCampaign(TenantId tenant, UUID draftId, String campaign) {
		if (campaign.isBlank() || campaign.length() > 100) {
			throw new IllegalArgumentException("a campaign label has 1 to 100 characters");
		}
		items.label(tenant, draftId, campaign.strip());
	}

	@Override
	public Optional<String> stateOf(TenantId tenant, UUID draftId) {
		var item = items.findByDraft(tenant, draftId);
		if (item.isPresent()) {
			return Optional.of(item.get().state().name());
		}
		if (items.findByAnyDraft(tenant, draftId).isPresent()) {
			return Optional.of("SUPERSEDED");
		}
		return drafts.find(tenant, draftId).map(draft -> ReviewState.GENERATED.name());
	}
}
