package com.groundwork.review.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One entry of an item's decision log: who did what, when and why. Approvals carry the AI draft, the approved text,
 * their word-level diff and edit distance; refusals carry the findings that refused them.
 *
 * @param action {@code ENQUEUED}, {@code CLAIMED}, {@code RENEWED}, {@code LEASE_EXPIRED}, {@code APPROVED},
 * {@code EDIT_REFUSED}, {@code REJECTED}, {@code REWORK}, {@code REWORK_FAILED}, {@code RELEASED},
 * {@code RELEASE_BLOCKED}, {@code BLOCKED}, {@code RECHECKED}, {@code REDELIVER}
 */
record Decision(UUID id, UUID itemId, UUID draftId, String action, @Nullable ReviewState from,
		@Nullable ReviewState to, String actor, Instant at, @Nullable String reason, @Nullable String comment,
		@Nullable String originalSubject, @Nullable String originalBody, @Nullable String finalSubject,
		@Nullable String finalBody, @Nullable Diff diff, @Nullable Integer editDistance, List<FindingView> findings) {

	Decision {
		findings = List.copyOf(findings);
	}

	/** The word-level diffs of subject and body. */
	record Diff(List<WordDiff.Op> subject, List<WordDiff.Op> body) {
		Diff {
			subject = List.copyOf(subject);
			body = List.copyOf(body);
		}
	}

	static Decision of(ReviewItem item, String action, @Nullable ReviewState to, String actor, Instant at) {
		return new Decision(UUID.randomUUID(), item.id(), item.draftId(), action, item.state(), to, actor, at, null,
				null, null, null, null, null, null, null, List.of());
	}

	Decision why(@Nullable String reason, @Nullable String comment) {
		return new Decision(id, itemId, draftId, action, from, to, actor, at, reason, comment, originalSubject,
				originalBody, finalSubject, finalBody, diff, editDistance, findings);
	}

	Decision texts(String originalSubject, String originalBody, String finalSubject, String finalBody, Diff diff,
			int editDistance) {
		return new Decision(id, itemId, draftId, action, from, to, actor, at, reason, comment, originalSubject,
				originalBody, finalSubject, finalBody, diff, editDistance, findings);
	}

	Decision withFindings(List<FindingView> findings) {
		return new Decision(id, itemId, draftId, action, from, to, actor, at, reason, comment, originalSubject,
				originalBody, finalSubject, finalBody, diff, editDistance, findings);
	}
}
