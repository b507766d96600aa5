package com.groundwork.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.HeaderWriter;

/**
 * Response headers of every answer: a Content Security Policy (scripts and styles from this origin only, nothing
 * framed, no plugins), HSTS on requests that arrived over TLS (directly or, with {@code server.forward-headers-strategy},
 * through a proxy that says so), {@code X-Content-Type-Options: nosniff} and {@code Referrer-Policy}. A page that may
 * be framed (the CRM sidebar) sets its own {@code frame-ancestors} before security runs; the rest of the policy is
 * added to it here.
 */
final class SecurityHeaders {

	static final String CSP = "Content-Security-Policy";

	/** Inline styles stay allowed: htmx adds its indicator style at run time. Scripts never run inline. */
	static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
			+ "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'";

	private SecurityHeaders() {
	}

	static void apply(HeadersConfigurer<HttpSecurity> headers) {
		headers.httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000))
			.contentTypeOptions(nosniff -> {
			})
			.referrerPolicy(referrer -> referrer.policy(
					org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
			.addHeaderWriter(new PolicyWriter());
	}

	/** Writes the policy, keeping a {@code frame-ancestors} that a framable page already set. */
	private static final class PolicyWriter implements HeaderWriter {

		@Override
		public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
			var existing = response.getHeader(CSP);
			if (existing != null && existing.contains("default-src")) {
				return;
			}
			var frameAncestors = existing != null && existing.contains("frame-ancestors") ? existing : "frame-ancestors 'none'";
			response.setHeader(CSP, POLICY + "; " + frameAncestors);
		}
	}
}
