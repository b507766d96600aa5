package com.groundwork.insight.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The insight API's problems (RFC 9457), each naming what to fix. */
final class InsightProblems {

	private InsightProblems() {
	}

	/** A parameter or body field that cannot be used: 400 naming it and what it takes. */
	static final class InvalidInsightRequestException extends ErrorResponseException {

		InvalidInsightRequestException(String field, String message) {
			super(HttpStatus.BAD_REQUEST, problem(field, message), null);
		}

		private static ProblemDetail problem(String field, String message) {
			var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, field + ": " + message);
			problem.setTitle("Invalid request");
			problem.setProperty("parameter", field);
			problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
			return problem;
		}
	}

	/** An outcome for a draft the tenant does not have: 404. */
	static final class UnknownDraftException extends ErrorResponseException {

		UnknownDraftException(UUID draftId) {
			super(HttpStatus.NOT_FOUND, problem(draftId), null);
		}

		private static ProblemDetail problem(UUID draftId) {
			var problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
					"No draft " + draftId + " in your tenant; 'draftId' must be the id of a released draft as its "
							+ "release webhook carried it");
			problem.setTitle("Draft not found");
			return problem;
		}
	}

	/** An outcome for a draft that was never released, or an event id reused for another outcome: 409. */
	static final class OutcomeConflictException extends ErrorResponseException {

		OutcomeConflictException(String title, String detail) {
			super(HttpStatus.CONFLICT, problem(title, detail), null);
		}

		private static ProblemDetail problem(String title, String detail) {
			var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
			problem.setTitle(title);
			return problem;
		}
	}
}
