package com.groundwork.web.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Refuses a request whose declared body is larger than the limit, before a byte of it is read; a body that declares
 * no length (chunked) is counted as it is read and refused the moment it passes the limit.
 */
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
		chain.doFilter(length < 0 ? new Counted(request, limit) : request, response);
	}

	static final class RequestTooLargeException extends ErrorResponseException {

		RequestTooLargeException(long length, DataSize limit) {
			super(HttpStatus.CONTENT_TOO_LARGE, problem(length < 0 ? "The request body has more than "
					+ limit.toBytes() + " bytes" : "The request body has " + length + " bytes", limit), null);
		}

		private static ProblemDetail problem(String what, DataSize limit) {
			var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, what + "; the limit is "
					+ limit.toBytes() + " bytes (groundwork.web.max-request-size). Send less, or split it.");
			problem.setTitle("Request too large");
			return problem;
		}
	}

	/** A request of unknown length whose body stream fails once more than the limit has been read. */
	private static final class Counted extends HttpServletRequestWrapper {

		private final DataSize limit;
		private ServletInputStream stream;

		Counted(HttpServletRequest request, DataSize limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (stream == null) {
				stream = new CountingStream(super.getInputStream(), limit);
			}
			return stream;
		}

		@Override
		public BufferedReader getReader() throws IOException {
			var encoding = getCharacterEncoding();
			var charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
			return new BufferedReader(new InputStreamReader(getInputStream(), charset));
		}
	}

	private static final class CountingStream extends ServletInputStream {

		private final ServletInputStream delegate;
		private final DataSize limit;
		private long read;

		CountingStream(ServletInputStream delegate, DataSize limit) {
			this.delegate = delegate;
			this.limit = limit;
		}

		@Override
		public int read() throws IOException {
			int b = delegate.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = delegate.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) {
			read += n;
			if (read > limit.toBytes()) {
				throw new RequestTooLargeException(-1, limit);
			}
		}

		@Override
		public boolean isFinished() {
			return delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			delegate.setReadListener(listener);
		}
	}
}
