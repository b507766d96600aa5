package com.groundwork.search.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A search request parameter that cannot be used: answered 400 with the parameter and what it accepts. */
class InvalidSearchParameterException extends ErrorResponseException {

	private final String parameter;

	private final String reason;

	InvalidSearchParameterException(String parameter, String reason, Collection<String> allowed) {
		super(HttpStatus.BAD_REQUEST, problem(parameter, reason, allowed), null);
		this.parameter = parameter;
		this.reason = reason;
	}

	private static ProblemDetail problem(String parameter, String reason, Collection<String> allowed) {
		var detail = parameter + ": " + reason
				+ (allowed.isEmpty() ? "" : " (allowed: " + String.join(", ", allowed) + ")");
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setTitle("Invalid search parameter");
		problem.setProperty("parameter", parameter);
		problem.setProperty("allowed", List.copyOf(allowed));
		problem.setProperty("errors", List.of(Map.of("field", parameter, "message", reason)));
		return problem;
	}

	String parameter() {
		return parameter;
	}

	/** The problem in one line, for pages that show it inline. */
	String detail() {
		return getBody().getDetail();
	}

	String reason() {
		return reason;
	}
}
