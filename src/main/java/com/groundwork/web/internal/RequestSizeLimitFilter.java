package com.groundwork.web.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/** Refuses a request whose declared body is larger than the limit, before a byte of it is read. */
class RequestSizeLimitFilter extends OncePerRequestFilter {

	private final DataSize limit;
	private final HandlerExceptionResolver exceptionResolver;

	RequestSizeLimitFilter(DataSize limit, HandlerExceptionResolver exceptionResolver) {
		this.limit = limit;
		this.exceptionResolver = exceptionResolver;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long length = request.getContentLengthLong();
		if (length > limit.toBytes()) {
			exceptionResolver.resolveException(request, response, null, new RequestTooLargeException(length, limit));
			return;
		}
		chain.doFilter(request, response);
	}

	static final class RequestTooLargeException extends ErrorResponseException {

		RequestTooLargeException(long length, DataSize limit) {
			super(HttpStatus.CONTENT_TOO_LARGE, problem(length, limit), null);
		}

		private static ProblemDetail problem(long length, DataSize limit) {
			var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, "The request body has " + length
					+ " bytes; the limit is " + limit.toBytes() + " bytes (groundwork.web.max-request-size). Send less, or split it.");
			problem.setTitle("Request too large");
			return problem;
		}
	}
}
