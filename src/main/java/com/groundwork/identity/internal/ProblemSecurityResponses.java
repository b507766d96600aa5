package com.groundwork.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Hands 401, 403 and 429 raised in the security filters to Spring MVC's exception resolvers, so they come out as the
 * same RFC 9457 problem documents as every other error.
 */
final class ProblemSecurityResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final HandlerExceptionResolver exceptionResolver;

	ProblemSecurityResponses(HandlerExceptionResolver exceptionResolver) {
		this.exceptionResolver = exceptionResolver;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
			throws IOException {
		resolve(request, response, exception, HttpStatus.UNAUTHORIZED);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
			throws IOException {
		resolve(request, response, exception, HttpStatus.FORBIDDEN);
	}

	/** 429 for an API key over its rate limit, saying when to come back. */
	void tooManyRequests(HttpServletRequest request, HttpServletResponse response, Duration retryAfter)
			throws IOException {
		long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, "This API key sent more requests "
				+ "than groundwork.identity.rate-limit allows; retry after " + seconds + " s");
		problem.setTitle("Too many requests");
		problem.setProperty("retryAfterSeconds", seconds);
		var exception = new ErrorResponseException(HttpStatus.TOO_MANY_REQUESTS, problem, null);
		exception.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		resolve(request, response, exception, HttpStatus.TOO_MANY_REQUESTS);
	}

	private void resolve(HttpServletRequest request, HttpServletResponse response, Exception exception,
			HttpStatus fallback) throws IOException {
		if (exceptionResolver.resolveException(request, response, null, exception) == null) {
			response.sendError(fallback.value());
		}
	}
}
