package com.groundwork.review.internal;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an outreach is in review. The moves allowed here are exactly those of the {@code review_transition} table,
 * which the database enforces on every change (ReviewStateTests compares the two).
 */
enum ReviewState {
	/** Generated, not checked by the guardrails yet (no queue row exists). */
	GENERATED,
	/** Checked and not blocked: waiting in the queue. */
	CHECKED,
	/** Claimed by a reviewer whose lease has not expired. */
	IN_REVIEW,
	APPROVED,
	RELEASED,
	REJECTED,
	/** Being regenerated with the rejection reason as guidance. */
	REWORK,
	/** Blocked by the guardrails or by the release checks: never approved, never released. */
	BLOCKED;

	Set<ReviewState> next() {
		return switch (this) {
			case GENERATED -> EnumSet.of(CHECKED, BLOCKED);
			case CHECKED -> EnumSet.of(CHECKED, BLOCKED, IN_REVIEW);
			case IN_REVIEW -> EnumSet.of(IN_REVIEW, CHECKED, APPROVED, REJECTED);
			case APPROVED -> EnumSet.of(RELEASED, BLOCKED);
			case REJECTED -> EnumSet.of(REWORK);
			case REWORK -> EnumSet.of(CHECKED, BLOCKED, REJECTED);
			case RELEASED, BLOCKED -> EnumSet.noneOf(ReviewState.class);
		};
	}

	boolean canMoveTo(ReviewState target) {
		return next().contains(target);
	}
}
