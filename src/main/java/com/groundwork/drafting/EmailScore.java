package com.groundwork.drafting;

import java.util.List;

/**
 * How ready a draft is to send, computed deterministically from its text, its language, the lead features it uses and
 * how well its evidence plan was filled. Advice for the writer and the reviewer: a score never blocks a draft (the
 * guardrails do).
 *
 * @param value 0–100
 * @param reasons one per rule that was applied, with the points it gave and, when it gave less than its share, the fix
 */
public record EmailScore(int value, List<Reason> reasons) {

	/** The score of a draft that was not written (a failed draft). */
	public static final EmailScore NONE = new EmailScore(0, List.of());

	public EmailScore {
		if (value < 0 || value > 100) {
			throw new IllegalArgumentException("value must be between 0 and 100, was " + value);
		}
		reasons = reasons == null ? List.of() : List.copyOf(reasons);
	}

	/** Whether the draft was scored (a failed draft, and one stored before scores existed, was not). */
	public boolean scored() {
		return !reasons.isEmpty();
	}

	/** The value, or null when the draft was not scored: what insight and the review queue store. */
	public @org.jspecify.annotations.Nullable Integer valueIfScored() {
		return scored() ? value : null;
	}

	/**
	 * @param rule e.g. {@code body-length}, {@code readability}, {@code one-ask}
	 * @param points what the rule contributed to the value
	 * @param fix what to change to earn the rule's full share; empty when nothing is to be fixed
	 */
	public record Reason(String rule, int points, String fix) {

		public Reason {
			fix = fix == null ? "" : fix;
		}
	}
}
