package com.groundwork.identity.internal;

import com.groundwork.identity.Actor;
import com.groundwork.identity.SecurityEvent;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates machines by the {@code X-API-Key} header. A request without the header passes on untouched (a
 * session may authenticate it); a request with an unknown or revoked key is answered 401 at once, never treated as
 * anonymous; a key over its rate limit is answered 429 with {@code Retry-After}. A key's first use in a minute is
 * published as a {@link SecurityEvent} (the audit trail's "key use", without one entry per request).
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

	static final String HEADER = "X-API-Key";

	private final ApiKeyRepository keys;
	private final TenantRepository tenants;
	private final ProblemSecurityResponses problems;
	private final ApiKeyRateLimiter rateLimiter;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	ApiKeyAuthenticationFilter(ApiKeyRepository keys, TenantRepository tenants, ProblemSecurityResponses problems,
			ApiKeyRateLimiter rateLimiter, ApplicationEventPublisher events, Clock clock) {
		this.keys = keys;
		this.tenants = tenants;
		this.problems = problems;
		this.rateLimiter = rateLimiter;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Also on the async dispatch that completes a streamed answer (server-sent events, exports): the key is checked
	 * again there, since nothing of the first dispatch's authentication is kept between them.
	 */
	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		var key = request.getHeader(HEADER);
		if (key == null) {
			chain.doFilter(request, response);
			return;
		}
		var stored = keys.findActiveByHash(ApiKeys.hash(key.strip()));
		var actor = stored.flatMap(found -> tenants.findById(found.tenantId())
			.map(tenant -> new Actor(Actor.Kind.API_KEY, found.id(), found.name() + " (" + found.prefix() + "…)",
					found.tenantId(), tenant.slug(), tenant.name(), Set.of(found.role()), found.platformAdmin())));
		if (actor.isEmpty()) {
			SecurityContextHolder.clearContext();
			problems.commence(request, response,
					new BadCredentialsException("The X-API-Key header holds no active API key: check the key, or ask an admin for a new one"));
			return;
		}
		var wait = rateLimiter.acquire(actor.get().id());
		if (wait.isPresent()) {
			problems.tooManyRequests(request, response, wait.get());
			return;
		}
		if (keys.markUsed(stored.get())) {
			events.publishEvent(new SecurityEvent(actor.get().tenantId(), SecurityEvent.Type.API_KEY_USED, "API_KEY",
					actor.get().name(), "api-key:" + actor.get().id(), request.getMethod() + " " + request.getRequestURI(),
					clock.instant()));
		}
		var context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(new ApiKeyAuthentication(actor.get()));
		SecurityContextHolder.setContext(context);
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}
}
