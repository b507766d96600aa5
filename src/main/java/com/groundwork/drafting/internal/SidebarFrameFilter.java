package com.groundwork.drafting.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.List;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The sidebar is meant to be embedded in a CRM's iframe: for its pages only, the framing policy is CSP
 * {@code frame-ancestors} with the configured origins, and Spring Security's {@code X-Frame-Options: DENY} is left out.
 * Every other page keeps DENY.
 */
class SidebarFrameFilter extends OncePerRequestFilter {

	private static final String X_FRAME_OPTIONS = "X-Frame-Options";

	private final String policy;

	SidebarFrameFilter(List<String> frameAncestors) {
		for (var origin : frameAncestors) {
			if (!origin.matches("'self'|'none'|https?://[A-Za-z0-9.*:-]+|[A-Za-z0-9.*-]+(:[0-9*]+)?")) {
				throw new IllegalArgumentException("groundwork.drafting.sidebar.frame-ancestors: '" + origin
						+ "' is not a CSP source ('self', https://crm.example.com, *.example.com)");
			}
		}
		this.policy = "frame-ancestors " + (frameAncestors.isEmpty() ? "'none'" : String.join(" ", frameAncestors));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.setHeader("Content-Security-Policy", policy);
		chain.doFilter(request, new HttpServletResponseWrapper(response) {
			@Override
			public void setHeader(String name, String value) {
				if (!X_FRAME_OPTIONS.equalsIgnoreCase(name)) {
					super.setHeader(name, value);
				}
			}

			@Override
			public void addHeader(String name, String value) {
				if (!X_FRAME_OPTIONS.equalsIgnoreCase(name)) {
					super.addHeader(name, value);
				}
			}
		});
	}
}
