package com.groundwork.campaign.internal;

import java.math.BigDecimal;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How an item ended.
 *
 * @param reasonCode short and stable, for charts: a guardrail rule id, {@code suppressed}, {@code drafting-failed}, …
 * @param reason for people: what happened and why
 */
record ItemOutcome(ItemState state, String reasonCode, String reason, @Nullable String verdict,
		@Nullable String model, long tokens, BigDecimal cost) {

	ItemOutcome {
		Objects.requireNonNull(state, "state");
		if (!state.terminal()) {
			throw new IllegalArgumentException("an outcome is a terminal state, not " + state);
		}
		reason = reason.length() > 2000 ? reason.substring(0, 1997) + "…" : reason;
		reasonCode = reasonCode.length() > 120 ? reasonCode.substring(0, 120) : reasonCode;
	}

	static ItemOutcome of(ItemState state, String reasonCode, String reason) {
		return new ItemOutcome(state, reasonCode, reason, null, null, 0, BigDecimal.ZERO);
	}
}
