package com.groundwork.review.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The facts review reports as RFC 9457 problems. */
final class ReviewProblems {

	private ReviewProblems() {
	}

	private static ProblemDetail problem(HttpStatus status, String title, String detail) {
		var problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

	/** No such draft in the caller's tenant; also what another tenant's draft looks like. */
	static final class DraftNotFoundException extends ErrorResponseException {
		DraftNotFoundException(UUID draftId) {
			super(HttpStatus.NOT_FOUND, problem(HttpStatus.NOT_FOUND, "Draft not found",
					"No draft " + draftId + " in your tenant"), null);
		}
	}

	/** The draft's state does not allow what was asked; names the state and what it allows. */
	static final class IllegalTransitionException extends ErrorResponseException {

		private final ReviewState state;

		IllegalTransitionException(UUID draftId, ReviewState state, String action, String hint) {
			super(HttpStatus.CONFLICT, body(draftId, state, action, hint), null);
			this.state = state;
		}

		ReviewState state() {
			return state;
		}

		private static ProblemDetail body(UUID draftId, ReviewState state, String action, String hint) {
			var problem = problem(HttpStatus.CONFLICT, "Illegal review transition",
					"Draft " + draftId + " is " + state + ": it cannot be " + action + (hint.isBlank() ? "" : "; " + hint));
			problem.setProperty("state", state.name());
			problem.setProperty("allowed", state.next().stream().map(Enum::name).sorted().toList());
			return problem;
		}

		static IllegalTransitionException claimedByAnother(UUID draftId, String holder, @Nullable Instant until) {
			return new IllegalTransitionException(draftId, ReviewState.IN_REVIEW, "claimed",
					"claimed by " + holder + (until == null ? "" : " until " + until) + "; wait for the lease to expire");
		}
	}

	/** The draft was replaced by a regenerated one after a rejection; the new one is under review. */
	static final class DraftSupersededException extends ErrorResponseException {
		DraftSupersededException(UUID draftId, UUID currentDraftId, ReviewState state) {
			super(HttpStatus.CONFLICT, body(draftId, currentDraftId, state), null);
		}

		private static ProblemDetail body(UUID draftId, UUID currentDraftId, ReviewState state) {
			var problem = problem(HttpStatus.CONFLICT, "Draft superseded", "Draft " + draftId
					+ " was rejected and regenerated as draft " + currentDraftId + " (" + state + "); review that one");
			problem.setProperty("state", "SUPERSEDED");
			problem.setProperty("currentDraftId", currentDraftId.toString());
			return problem;
		}
	}

	/** The author or requester of a draft may not approve (or review) it. */
	static final class SegregationOfDutiesException extends ErrorResponseException {
		SegregationOfDutiesException(UUID draftId, String actor) {
			super(HttpStatus.FORBIDDEN, problem(HttpStatus.FORBIDDEN, "Segregation of duties",
					"You (" + actor + ") requested draft " + draftId
							+ ": its author or requester may not review or approve it; another reviewer must"), null);
		}
	}

	/** The edited text has findings that block approval. */
	static final class EditRefusedException extends ErrorResponseException {

		private final List<FindingView> findings;

		EditRefusedException(UUID draftId, List<FindingView> findings) {
			super(HttpStatus.UNPROCESSABLE_CONTENT, body(draftId, findings), null);
			this.findings = List.copyOf(findings);
		}

		List<FindingView> findings() {
			return findings;
		}

		private static ProblemDetail body(UUID draftId, List<FindingView> findings) {
			var problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "Edit not approved",
					"The guardrails found " + findings.size() + " new problem(s) in your edit of draft " + draftId
							+ " that block approval: fix them (see findings) and approve again");
			problem.setProperty("findings", findings);
			return problem;
		}
	}

	/** The release checks refused the recipient; the draft is now BLOCKED. */
	static final class ReleaseRefusedException extends ErrorResponseException {
		ReleaseRefusedException(UUID draftId, List<FindingView> findings) {
			super(HttpStatus.UNPROCESSABLE_CONTENT, body(draftId, findings), null);
		}

		private static ProblemDetail body(UUID draftId, List<FindingView> findings) {
			var problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "Release refused",
					"The release checks refused draft " + draftId + " (" + String.join(", ",
							findings.stream().map(FindingView::ruleId).toList())
							+ "): it is now BLOCKED and will never be sent");
			problem.setProperty("state", ReviewState.BLOCKED.name());
			problem.setProperty("findings", findings);
			return problem;
		}
	}

	/** The tenant has no delivery channel to release through. */
	static final class NoDeliveryChannelException extends ErrorResponseException {
		NoDeliveryChannelException(String tenantSlug) {
			super(HttpStatus.CONFLICT, problem(HttpStatus.CONFLICT, "No delivery channel",
					"Tenant '" + tenantSlug + "' has no delivery channel: configure groundwork.review.channels."
							+ tenantSlug + ".webhook (url, secret), .mail (from) and/or .outbox (enabled: true, to keep released mail "
							+ "at /outbox instead of sending it)"), null);
		}
	}

	/** A request field that cannot be served as sent: 400 naming it and what it accepts. */
	static final class InvalidReviewRequestException extends ErrorResponseException {
		InvalidReviewRequestException(String field, String message) {
			super(HttpStatus.BAD_REQUEST, body(field, message), null);
		}

		private static ProblemDetail body(String field, String message) {
			var problem = problem(HttpStatus.BAD_REQUEST, "Invalid review request", field + ": " + message);
			problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
			return problem;
		}
	}

	/** Nothing to redeliver: no dead-lettered delivery. */
	static final class NothingToRedeliverException extends ErrorResponseException {
		NothingToRedeliverException(UUID draftId) {
			super(HttpStatus.CONFLICT, problem(HttpStatus.CONFLICT, "Nothing to redeliver",
					"Draft " + draftId + " has no dead-lettered delivery; only those can be redelivered"), null);
		}
	}
}
