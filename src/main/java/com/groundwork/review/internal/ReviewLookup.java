package com.groundwork.review.internal;

import com.groundwork.drafting.DraftSummary;
import com.groundwork.drafting.Drafts;
import com.groundwork.identity.TenantId;
import com.groundwork.review.internal.ReviewProblems.DraftNotFoundException;
import com.groundwork.review.internal.ReviewProblems.DraftSupersededException;
import com.groundwork.review.internal.ReviewProblems.IllegalTransitionException;
import java.util.UUID;

/**
 * Finds the item a request is about, or says why there is none: another tenant's or an unknown draft is 404; a
 * draft not checked yet is GENERATED (409 for any action); a draft replaced by a rework names its successor.
 */
class ReviewLookup {

	private final ReviewRepository items;
	private final Drafts drafts;

	ReviewLookup(ReviewRepository items, Drafts drafts) {
		this.items = items;
		this.drafts = drafts;
	}

	/** The item whose current draft this is. */
	ReviewItem require(TenantId tenant, UUID draftId, String action) {
		var item = items.findByDraft(tenant, draftId);
		if (item.isPresent()) {
			return item.get();
		}
		var former = items.findByAnyDraft(tenant, draftId);
		if (former.isPresent()) {
			throw new DraftSupersededException(draftId, former.get().draftId(), former.get().state());
		}
		var draft = drafts.find(tenant, draftId).orElseThrow(() -> new DraftNotFoundException(draftId));
		throw new IllegalTransitionException(draftId, ReviewState.GENERATED, action, notQueued(draft));
	}

	/** The draft's text, as the AI wrote it. */
	DraftSummary draft(TenantId tenant, UUID draftId) {
		return drafts.find(tenant, draftId).orElseThrow(() -> new DraftNotFoundException(draftId));
	}

	static String notQueued(DraftSummary draft) {
		if ("FAILED".equals(draft.status())) {
			return "it failed to generate and never enters review";
		}
		if (draft.shadowOf() != null) {
			return "it is a shadow draft, kept for comparison and never reviewed";
		}
		return "the guardrails have not checked it yet; it enters the queue once they have";
	}

	/** What to do instead, for the 409 of an action the state does not allow. */
	static String hint(ReviewState state) {
		return switch (state) {
			case GENERATED -> "the guardrails have not checked it yet";
			case CHECKED -> "claim it first (POST /api/review/{draftId}/claim)";
			case IN_REVIEW -> "its reviewer is working on it";
			case APPROVED -> "it is approved: release it (POST /api/review/{draftId}/release)";
			case RELEASED -> "it was released; redeliver a dead-lettered delivery if it did not arrive";
			case REJECTED -> "it was rejected";
			case REWORK -> "it is being regenerated after a rejection";
			case BLOCKED -> "it was blocked by the guardrails or the release checks and is never approved or released";
		};
	}
}
