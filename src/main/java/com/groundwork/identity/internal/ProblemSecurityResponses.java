package com.groundwork.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Hands 401 and 403 raised in the security filters to Spring MVC's exception resolvers, so they come out as the same
 * RFC 9457 problem documents as every other error.
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

	private void resolve(HttpServletRequest request, HttpServletResponse response, Exception exception,
			HttpStatus fallback) throws IOException {
		if (exceptionResolver.resolveException(request, response, null, exception) == null) {
			response.sendError(fallback.value());
		}
	}
}
