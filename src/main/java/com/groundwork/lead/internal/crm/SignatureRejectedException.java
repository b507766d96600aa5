package com.groundwork.lead.internal.crm;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A CRM event whose signature is missing, malformed, stale or wrong: 401, and nothing of the body is read. */
class SignatureRejectedException extends ErrorResponseException {

	static final String TITLE = "Invalid signature";

	SignatureRejectedException(String detail) {
		super(HttpStatus.UNAUTHORIZED, problem(detail), null);
		getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Signature header=\"" + WebhookSignatures.HEADER + "\"");
	}

	private static ProblemDetail problem(String detail) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail);
		problem.setTitle(TITLE);
		return problem;
	}
}
