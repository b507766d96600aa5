package com.groundwork.knowledge.internal;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The upload's part {@code file} carries no file name, which the document would be known by. */
final class MissingFileNameException extends ErrorResponseException {

	MissingFileNameException() {
		super(HttpStatus.BAD_REQUEST, problem(), null);
	}

	private static ProblemDetail problem() {
		var message = "needs a file name (send it as a file, e.g. curl -F file=@pricing.md)";
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "file: " + message);
		problem.setTitle("Invalid request");
		problem.setProperty("errors", List.of(Map.of("field", "file", "message", message)));
		return problem;
	}
}
