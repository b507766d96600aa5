package com.groundwork.drafting.internal;

import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No such draft in the caller's tenant (also what another tenant's draft looks like). */
class DraftNotFoundException extends ErrorResponseException {

	DraftNotFoundException(UUID id) {
		super(HttpStatus.NOT_FOUND, problem(id), null);
	}

	private static ProblemDetail problem(UUID id) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No draft " + id + " in your tenant");
		problem.setTitle("Draft not found");
		return problem;
	}
}
