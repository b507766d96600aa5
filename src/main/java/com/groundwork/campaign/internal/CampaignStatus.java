package com.groundwork.campaign.internal;

/** Where a campaign stands. Only RUNNING campaigns have their items claimed. */
enum CampaignStatus {
	/** Its leads are being read; nothing is drafted yet. */
	IMPORTING,
	/** Items are claimed and drafted. */
	RUNNING,
	/** No new item is claimed; those in progress finish. */
	PAUSED,
	/** Every item reached its terminal state. */
	COMPLETED,
	/** Pending items were cancelled; those in progress finished with their own outcome. */
	CANCELLED
}
