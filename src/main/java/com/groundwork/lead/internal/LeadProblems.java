package com.groundwork.lead.internal;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The facts the lead API reports as problems, besides contract violations and unknown leads. */
final class LeadProblems {

	private LeadProblems() {
	}

	/** Two requests created the same lead at the same moment; the loser retries. */
	static final class ConcurrentChangeException extends ErrorResponseException {
		ConcurrentChangeException(String externalId) {
			super(HttpStatus.CONFLICT, problem(externalId), null);
		}

		private static ProblemDetail problem(String externalId) {
			var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
					"Lead '" + externalId + "' was created by another request at the same moment; send yours again");
			problem.setTitle("Concurrent change");
			return problem;
		}
	}
}
