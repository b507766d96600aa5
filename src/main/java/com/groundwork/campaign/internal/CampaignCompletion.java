package com.groundwork.campaign.internal;

import com.groundwork.campaign.CampaignCompleted;
import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/** Finishes a campaign once every item is terminal, and publishes {@link CampaignCompleted} with it, once. */
class CampaignCompletion {

	private final CampaignRepository campaigns;
	private final ItemRepository items;
	private final ApplicationEventPublisher events;
	private final TransactionTemplate transactions;
	private final Clock clock;

	CampaignCompletion(CampaignRepository campaigns, ItemRepository items, ApplicationEventPublisher events,
			TransactionTemplate transactions, Clock clock) {
		this.campaigns = campaigns;
		this.items = items;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** @return whether this call finished it */
	boolean finishIfDone(Campaign campaign) {
		if (campaign.finishedAt() != null
				|| (campaign.status() != CampaignStatus.RUNNING && campaign.status() != CampaignStatus.CANCELLED)
				|| items.hasUnfinished(campaign.id())) {
			return false;
		}
		var to = campaign.status() == CampaignStatus.CANCELLED ? CampaignStatus.CANCELLED : CampaignStatus.COMPLETED;
		return Boolean.TRUE.equals(transactions.execute(status -> {
			var now = clock.instant();
			if (!campaigns.finish(campaign.id(), campaign.status(), to, now)) {
				return false; // another instance finished it, or it was paused or cancelled meanwhile
			}
			var tally = items.tally(campaign.tenant(), campaign.id());
			events.publishEvent(new CampaignCompleted(campaign.tenant(), campaign.id(), campaign.name(), to.name(),
					tally.terminal(), now));
			return true;
		}));
	}
}
