package com.groundwork.identity.internal;

import java.time.Clock;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Two filter chains: {@code /api/**} for machines (API key) and for pages calling the API with their session, and
 * everything else for people (form login). Which role may call which handler is declared on the handler itself with
 * {@code @RolesAllowed} and enforced by {@link RoleCheckInterceptor}, before any request body is read.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private static final RequestMatcher CARRIES_API_KEY = request -> request.getHeader(ApiKeyAuthenticationFilter.HEADER) != null;

	/**
	 * CSRF protects what a browser sends on its own: cookie-borne sessions. A request with an API key or without a
	 * session cookie carries no ambient authority, so it is exempt, and an unauthenticated call gets a plain 401.
	 */
	private static final RequestMatcher NO_AMBIENT_AUTHORITY = request -> CARRIES_API_KEY.matches(request)
			|| request.getRequestedSessionId() == null;

	/** Argon2id for new hashes; bcrypt hashes from older imports still verify and can be upgraded. */
	@Bean
	PasswordEncoder passwordEncoder() {
		return new DelegatingPasswordEncoder("argon2",
				Map.of("argon2", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(), "bcrypt", new BCryptPasswordEncoder()));
	}

	@Bean
	ProblemSecurityResponses problemSecurityResponses(
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver exceptionResolver) {
		return new ProblemSecurityResponses(exceptionResolver);
	}

	@Bean
	ApiKeyRateLimiter apiKeyRateLimiter(RateLimitSettings settings) {
		return new ApiKeyRateLimiter(settings);
	}

	@Bean
	@Order(1)
	SecurityFilterChain apiFilterChain(HttpSecurity http, ApiKeyRepository keys, TenantRepository tenants,
			ProblemSecurityResponses problems, ApiKeyRateLimiter rateLimiter, ApplicationEventPublisher events,
			Clock clock) {
		return http.securityMatcher("/api/**")
			.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
			.addFilterBefore(new ApiKeyAuthenticationFilter(keys, tenants, problems, rateLimiter, events, clock),
					BasicAuthenticationFilter.class)
			.headers(SecurityHeaders::apply)
			// Machines carry no session, so there is nothing to forge; pages calling the API keep CSRF protection.
			.csrf(csrf -> csrf.ignoringRequestMatchers(NO_AMBIENT_AUTHORITY))
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER))
			.requestCache(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain pageFilterChain(HttpSecurity http, ApiKeyRepository keys, TenantRepository tenants,
			ProblemSecurityResponses problems, ApiKeyRateLimiter rateLimiter, ApplicationEventPublisher events,
			Clock clock) {
		RequestMatcher machineFacing = request -> request.getRequestURI().startsWith("/actuator/")
				|| CARRIES_API_KEY.matches(request);
		return http
			.authorizeHttpRequests(requests -> requests
				.requestMatchers("/login", "/error", "/css/**", "/js/**", "/images/**", "/webjars/**", "/favicon.ico")
				.permitAll()
				.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
				.permitAll()
				.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
				.permitAll()
				.requestMatchers("/actuator/**")
				.hasAnyRole("ADMIN", "AUDITOR")
				.anyRequest()
				.authenticated())
			.addFilterBefore(new ApiKeyAuthenticationFilter(keys, tenants, problems, rateLimiter, events, clock),
					BasicAuthenticationFilter.class)
			.headers(SecurityHeaders::apply)
			.csrf(csrf -> csrf.ignoringRequestMatchers(CARRIES_API_KEY))
			.formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
			.logout(logout -> logout.logoutSuccessUrl("/login?logout"))
			.exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(problems, machineFacing)
				.defaultAccessDeniedHandlerFor(problems, machineFacing))
			.build();
	}
}
