package com.groundwork.campaign.internal;

/** One lead's way through a campaign: PENDING → IN_PROGRESS (leased) → one terminal state, with its reason. */
enum ItemState {
	PENDING, IN_PROGRESS,
	/** A draft was written and checked; it is in review. */
	DRAFTED,
	/** The guardrails blocked the draft (the reason names the rules). */
	BLOCKED,
	/** The lead's address is on the do-not-contact list: nothing was drafted. */
	SUPPRESSED,
	/** No draft could be written (the model's error after retries, or a missing lead). */
	FAILED,
	/** The campaign was cancelled before the item was started. */
	CANCELLED;

	boolean terminal() {
		return this != PENDING && this != IN_PROGRESS;
	}
}
