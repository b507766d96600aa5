package com.groundwork.knowledge.internal;

import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Also what another tenant's document looks like: it does not exist for the caller. */
final class DocumentNotFoundException extends ErrorResponseException {

	DocumentNotFoundException(UUID id) {
		super(HttpStatus.NOT_FOUND, problem(id), null);
	}

	private static ProblemDetail problem(UUID id) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
				"No knowledge document with id " + id + " in your tenant");
		problem.setTitle("Document not found");
		return problem;
	}
}
