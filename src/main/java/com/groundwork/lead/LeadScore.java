package com.groundwork.lead;

import java.util.List;

/**
 * An explainable lead score: the sum of interpretable points, each with its reason.
 *
 * @param score 0 to 100
 * @param reasons one per factor considered, including those that scored nothing
 */
public record LeadScore(int score, List<Reason> reasons) {

	public LeadScore {
		reasons = List.copyOf(reasons);
		if (score < 0 || score > 100) {
			throw new IllegalArgumentException("a lead score is between 0 and 100: " + score);
		}
	}

	/**
	 * @param factor what was looked at, e.g. {@code industry}
	 * @param points what it added
	 * @param why in words, e.g. "logistics is in the ideal customer profile"
	 */
	public record Reason(String factor, int points, String why) {
	}
}
