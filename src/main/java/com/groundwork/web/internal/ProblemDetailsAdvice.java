package com.groundwork.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error as an RFC 9457 problem document for API clients, and as the friendly error page for people in a browser.
 * Validation problems name each field and what to do; nothing internal (stack trace, SQL, class names) leaves the
 * service: an unexpected failure answers with a reference that is also in the server log.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	@ExceptionHandler(AuthenticationException.class)
	@Nullable
	ResponseEntity<Object> unauthenticated(AuthenticationException exception, NativeWebRequest request) {
		// Only our own message (a bad key) is worth repeating; the framework's wording is not for clients.
		var detail = exception instanceof BadCredentialsException ? exception.getMessage()
				: "Sign in, or send an API key in the X-API-Key header";
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail);
		problem.setTitle("Authentication required");
		var headers = new HttpHeaders();
		headers.set(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"X-API-Key\"");
		return handleExceptionInternal(exception, problem, headers, HttpStatus.UNAUTHORIZED, request);
	}

	@ExceptionHandler(AccessDeniedException.class)
	@Nullable
	ResponseEntity<Object> forbidden(AccessDeniedException exception, NativeWebRequest request) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
				detailOf(exception, "Your role does not allow this"));
		problem.setTitle("Forbidden");
		return handleExceptionInternal(exception, problem, new HttpHeaders(), HttpStatus.FORBIDDEN, request);
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	@Nullable
	ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException exception, NativeWebRequest request) {
		var expected = exception.getRequiredType() == null ? "another type" : exception.getRequiredType().getSimpleName();
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				exception.getName() + ": '" + exception.getValue() + "' is not a valid " + expected);
		problem.setTitle("Invalid parameter");
		problem.setProperty("errors", List.of(Map.of("field", exception.getName(), "message", "must be a valid " + expected)));
		return handleExceptionInternal(exception, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
	}

	@ExceptionHandler(Exception.class)
	@Nullable
	ResponseEntity<Object> unexpected(Exception exception, NativeWebRequest request) {
		var reference = UUID.randomUUID().toString();
		log.error("Unexpected failure, reference {}", reference, exception);
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"Something went wrong on our side. Quote reference " + reference + " when you report it.");
		problem.setTitle("Internal error");
		problem.setProperty("reference", reference);
		return handleExceptionInternal(exception, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException exception,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		var errors = exception.getBindingResult()
			.getFieldErrors()
			.stream()
			.map(error -> new FieldProblem(error.getField(), messageOf(error)))
			.toList();
		var globalErrors = exception.getBindingResult()
			.getGlobalErrors()
			.stream()
			.map(error -> new FieldProblem(error.getObjectName(), String.valueOf(error.getDefaultMessage())));
		var all = java.util.stream.Stream.concat(errors.stream(), globalErrors).toList();
		return validationProblem(exception, all, headers, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
			HandlerMethodValidationException exception, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		var errors = exception.getParameterValidationResults()
			.stream()
			.flatMap(result -> result.getResolvableErrors()
				.stream()
				.map(error -> new FieldProblem(result.getMethodParameter().getParameterName() == null ? "parameter"
						: result.getMethodParameter().getParameterName(), String.valueOf(error.getDefaultMessage()))))
			.toList();
		return validationProblem(exception, errors, headers, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException exception,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
				"Nothing at " + exception.getHttpMethod() + " /" + exception.getResourcePath() + "; see /swagger-ui.html for the API");
		problem.setTitle("Not found");
		return handleExceptionInternal(exception, problem, headers, HttpStatus.NOT_FOUND, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException exception,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		// A body without a declared length is cut off where it passes the size limit, in the middle of parsing.
		for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
			if (cause instanceof RequestSizeLimitFilter.RequestTooLargeException tooLarge) {
				return handleErrorResponseException(tooLarge, tooLarge.getHeaders(), tooLarge.getStatusCode(), request);
			}
		}
		var problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
		problem.setTitle("Unreadable request body");
		if (exception.getCause() instanceof DatabindException databind && !databind.getPath().isEmpty()) {
			var field = databind.getPath()
				.stream()
				.map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
				.collect(Collectors.joining("."))
				.replace(".[", "[");
			var message = switch (databind) {
				case UnrecognizedPropertyException unknown -> "is not a field of this request; remove it (known fields: "
						+ unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")) + ")";
				case InvalidFormatException invalid when invalid.getTargetType() != null && invalid.getTargetType().isEnum() ->
					"'" + invalid.getValue() + "' is not one of " + java.util.Arrays.toString(invalid.getTargetType().getEnumConstants());
				case InvalidFormatException invalid -> "'" + invalid.getValue() + "' is not a valid "
						+ (invalid.getTargetType() == null ? "value" : invalid.getTargetType().getSimpleName());
				default -> "has the wrong type or shape";
			};
			problem.setDetail(field + ": " + message);
			problem.setProperty("errors", List.of(new FieldProblem(field, message)));
		}
		else {
			problem.setDetail("The body is not valid JSON for this endpoint: check the syntax and the field types");
		}
		return handleExceptionInternal(exception, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * The single exit: API clients get the problem document; a person in a browser is sent to the error page with the
	 * same status (so a 404 page looks like the site, not like JSON).
	 */
	@Override
	protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception exception, @Nullable Object body,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		var servletRequest = ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
		var servletResponse = ((NativeWebRequest) request).getNativeResponse(HttpServletResponse.class);
		if (servletRequest != null && servletResponse != null && wantsPage(servletRequest)
				&& !servletResponse.isCommitted()) {
			try {
				servletResponse.sendError(status.value());
				return null;
			}
			catch (IOException e) {
				log.debug("Could not send the error page", e);
			}
		}
		if (body instanceof ProblemDetail problem && servletRequest != null && problem.getInstance() == null) {
			problem.setInstance(URI.create(servletRequest.getRequestURI()));
		}
		return super.handleExceptionInternal(exception, body, headers, status, request);
	}

	private static boolean wantsPage(HttpServletRequest request) {
		var path = request.getRequestURI();
		if (path.startsWith("/api/") || path.startsWith("/actuator/") || request.getHeader("X-API-Key") != null
				|| request.getHeader("HX-Request") != null) {
			return false;
		}
		var accept = request.getHeader(HttpHeaders.ACCEPT);
		return accept != null && MediaType.parseMediaTypes(accept)
			.stream()
			.anyMatch(type -> type.isCompatibleWith(MediaType.TEXT_HTML) && !type.isWildcardType());
	}

	private @Nullable ResponseEntity<Object> validationProblem(Exception exception, List<FieldProblem> errors,
			HttpHeaders headers, WebRequest request) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, errors.stream()
			.map(error -> error.field() + ": " + error.message())
			.collect(Collectors.joining("; ")));
		problem.setTitle("Invalid request");
		problem.setProperty("errors", errors);
		return handleExceptionInternal(exception, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	private static String messageOf(FieldError error) {
		if (error.isBindingFailure()) {
			return "has the wrong type or format";
		}
		return String.valueOf(error.getDefaultMessage());
	}

	private static String detailOf(Exception exception, String fallback) {
		var message = exception.getMessage();
		return message == null || message.isBlank() || message.startsWith("Access Denied") ? fallback : message;
	}

	/** One rejected field: its path in the request and what to do about it. */
	record FieldProblem(String field, String message) {
	}
}
