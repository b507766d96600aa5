package com.groundwork.identity.internal;

import com.groundwork.identity.Actor;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates machines by the {@code X-API-Key} header. A request without the header passes on untouched (a
 * session may authenticate it); a request with an unknown or revoked key is answered 401 at once, never treated as
 * anonymous.
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

	static final String HEADER = "X-API-Key";

	private final ApiKeyRepository keys;
	private final TenantRepository tenants;
	private final AuthenticationEntryPoint entryPoint;

	ApiKeyAuthenticationFilter(ApiKeyRepository keys, TenantRepository tenants, AuthenticationEntryPoint entryPoint) {
		this.keys = keys;
		this.tenants = tenants;
		this.entryPoint = entryPoint;
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
		var actor = keys.findActiveByHash(ApiKeys.hash(key.strip())).flatMap(stored -> tenants.findById(stored.tenantId())
			.map(tenant -> new Actor(Actor.Kind.API_KEY, stored.id(), stored.name() + " (" + stored.prefix() + "…)",
					stored.tenantId(), tenant.slug(), tenant.name(), Set.of(stored.role()), stored.platformAdmin())));
		if (actor.isEmpty()) {
			SecurityContextHolder.clearContext();
			entryPoint.commence(request, response,
					new BadCredentialsException("The X-API-Key header holds no active API key: check the key, or ask an admin for a new one"));
			return;
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
