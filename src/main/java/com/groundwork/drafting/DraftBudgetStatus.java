package com.groundwork.drafting;

import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's daily drafting budget as it stands now, for callers that pace themselves by it (campaigns).
 *
 * @param shareLeft the share of the tightest budget still left today, 0 to 1 (1 when unlimited)
 * @param tokensLeft tokens left today, or null when tokens are not limited
 * @param costLeft cost left today, or null when cost is not limited
 * @param offlineOnly so little is left that drafts come from tier 0 only (the offline drafter), which costs nothing
 * ({@code groundwork.drafting.routing.offline-below-budget-share})
 * @param exhausted the budget that is used up ({@code tokens-per-day} or {@code cost-per-day}), or null while drafts
 * may still be generated
 * @param resetsAt when the day's budget starts again (midnight UTC)
 */
public record DraftBudgetStatus(double shareLeft, @Nullable Long tokensLeft, @Nullable BigDecimal costLeft,
		boolean offlineOnly, @Nullable String exhausted, Instant resetsAt) {

	public boolean isExhausted() {
		return exhausted != null;
	}

	public boolean isLimited() {
		return tokensLeft != null || costLeft != null;
	}
}
