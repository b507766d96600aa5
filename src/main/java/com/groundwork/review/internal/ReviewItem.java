package com.groundwork.review.internal;

import com.groundwork.identity.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One outreach in review, as stored. {@link #emailScore()} is the email score of the draft under review (null when it
 * was not scored). {@link #draftId()} is the draft under review now (a rework replaces it);
 * {@link #version()} is what every change must name (optimistic versioning).
 */
record ReviewItem(UUID id, TenantId tenant, UUID draftId, ReviewState state, long version, String verdict,
		int findings, List<String> ruleIds, String leadExternalId, int leadScore, String angle, String channel,
		@Nullable String campaign, String requestedBy, Instant queuedAt, Instant updatedAt, @Nullable String claimedBy,
		@Nullable Instant leaseExpiresAt, @Nullable String approvedBy, @Nullable Instant approvedAt,
		@Nullable String approvedSubject, @Nullable String approvedBody, @Nullable Instant releasedAt,
		@Nullable String recipientEmail, @Nullable String rejectionReason, @Nullable UUID reworkDraftId,
		@Nullable String reworkError, @Nullable Integer emailScore) {

	ReviewItem {
		ruleIds = List.copyOf(ruleIds);
	}

	boolean leaseHeldBy(String actor, Instant now) {
		return state == ReviewState.IN_REVIEW && actor.equals(claimedBy) && leaseExpiresAt != null
				&& leaseExpiresAt.isAfter(now);
	}

	boolean leaseExpired(Instant now) {
		return state == ReviewState.IN_REVIEW && leaseExpiresAt != null && !leaseExpiresAt.isAfter(now);
	}

	Duration age(Instant now) {
		return Duration.between(queuedAt, now).isNegative() ? Duration.ZERO : Duration.between(queuedAt, now);
	}
}
