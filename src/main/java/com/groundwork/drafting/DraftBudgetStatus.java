package com.groundwork.drafting;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's daily drafting budget as it stands now, for callers that pace themselves by it (campaigns).
 *
 * @param shareLeft the share of the tightest budget still left today, 0 to 1 (1 when unlimited)
 * @param exhausted the budget that is used up ({@code tokens-per-day} or {@code cost-per-day}), or null while drafts
 * may still be generated
 * @param resetsAt when the day's budget starts again (midnight UTC)
 */
public record DraftBudgetStatus(double shareLeft, @Nullable String exhausted, Instant resetsAt) {

	public boolean isExhausted() {
		return exhausted != null;
	}
}
