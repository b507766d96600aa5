package com.groundwork.review.internal;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** What the review API accepts. */
final class ReviewRequests {

	private ReviewRequests() {
	}

	/** Approve as written (all null), or with the reviewer's edit of subject and/or body; {@code comment} says why. */
	record Approve(@Nullable String subject, @Nullable String body, @Nullable String comment) {
	}

	/** @param reason the code of a configured reason ({@code GET /api/review/reasons}) */
	record Reject(@Nullable String reason, @Nullable String comment) {
	}

	record BulkApprove(@Nullable List<UUID> draftIds) {
	}
}
