package com.groundwork.knowledge.internal;

import com.groundwork.knowledge.DocumentRejectedException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/**
 * RFC 9457 problems for the knowledge API's own failures: a rejected document (413, 415, 422, naming the file and,
 * for metadata, the field) and a missing or malformed upload (400 naming {@code file}). Everything else is left to the
 * service-wide problem handling.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(assignableTypes = KnowledgeApiController.class)
class KnowledgeApiProblems {

	@ExceptionHandler(DocumentRejectedException.class)
	ResponseEntity<ProblemDetail> rejected(DocumentRejectedException exception, HttpServletRequest request) {
		var status = switch (exception.reason()) {
			case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
			case UNSUPPORTED_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
			case UNPARSABLE, INVALID_METADATA -> HttpStatus.UNPROCESSABLE_CONTENT;
		};
		var problem = ProblemDetail.forStatusAndDetail(status, exception.getMessage());
		problem.setTitle(switch (exception.reason()) {
			case TOO_LARGE -> "Document too large";
			case UNSUPPORTED_TYPE -> "Document type not accepted";
			case UNPARSABLE -> "Document unreadable";
			case INVALID_METADATA -> "Invalid document metadata";
		});
		problem.setProperty("source", exception.source());
		problem.setProperty("reason", exception.reason().name());
		if (exception instanceof MetadataFields.MetadataInvalidException invalid) {
			problem.setProperty("errors", List.of(Map.of("field", invalid.field(), "message", invalid.problem())));
		}
		return respond(problem, request);
	}

	@ExceptionHandler(MissingServletRequestPartException.class)
	ResponseEntity<ProblemDetail> missingPart(MissingServletRequestPartException exception, HttpServletRequest request) {
		var part = exception.getRequestPartName();
		return badUpload(part, "required; send the document as the multipart part '" + part + "'", request);
	}

	@ExceptionHandler(MultipartException.class)
	ResponseEntity<ProblemDetail> notMultipart(MultipartException exception, HttpServletRequest request) {
		if (exception instanceof MaxUploadSizeExceededException) {
			var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
					"file: the upload is larger than the service accepts (spring.servlet.multipart.max-file-size)");
			problem.setTitle("Document too large");
			return respond(problem, request);
		}
		return badUpload("file", "required; send the document as multipart/form-data with the part 'file'", request);
	}

	/** Shaped like the service's other validation problems: "field: message" and an errors list. */
	private static ResponseEntity<ProblemDetail> badUpload(String field, String message, HttpServletRequest request) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, field + ": " + message);
		problem.setTitle("Invalid request");
		problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
		return respond(problem, request);
	}

	private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem, HttpServletRequest request) {
		problem.setInstance(URI.create(request.getRequestURI()));
		return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}
}
