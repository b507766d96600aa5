package com.groundwork.identity.internal;

import com.groundwork.identity.CurrentActor;
import com.groundwork.identity.Role;
import com.groundwork.identity.SecurityEvent;
import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Enforces {@code @RolesAllowed} on Groundwork's handlers before the request body is bound, so a caller without the
 * role learns 403 rather than how to shape a valid body. Deny by default: a Groundwork handler that declares neither
 * {@code @RolesAllowed} nor {@code @PermitAll} answers 403 to everyone.
 */
class RoleCheckInterceptor implements HandlerInterceptor {

	private static final String BASE_PACKAGE = "com.groundwork.";

	private final CurrentActor currentActor;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	RoleCheckInterceptor(CurrentActor currentActor, ApplicationEventPublisher events, Clock clock) {
		this.currentActor = currentActor;
		this.events = events;
		this.clock = clock;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (!(handler instanceof HandlerMethod method) || !method.getBeanType().getName().startsWith(BASE_PACKAGE)) {
			return true;
		}
		if (method.hasMethodAnnotation(PermitAll.class)
				|| AnnotatedElementUtils.hasAnnotation(method.getBeanType(), PermitAll.class)) {
			return true;
		}
		var allowed = allowedRoles(method);
		if (allowed.isEmpty()) {
			throw new AccessDeniedException("This endpoint declares no roles and is closed to everyone");
		}
		var actor = currentActor.find();
		if (actor.isEmpty() || !actor.get().hasAnyRole(allowed)) {
			var needed = "This needs one of the roles " + allowed.stream()
				.map(Role::name)
				.sorted()
				.collect(Collectors.joining(", "));
			// An anonymous caller belongs to no tenant: the security chain answers it 401 before it gets here anyway.
			actor.ifPresent(denied -> events.publishEvent(new SecurityEvent(denied.tenantId(),
					SecurityEvent.Type.ACCESS_DENIED, denied.kind().name(), denied.name(),
					request.getMethod() + " " + pathOf(request), needed, clock.instant())));
			throw new AccessDeniedException(needed);
		}
		return true;
	}

	/** The handler's path pattern ({@code /api/leads/{externalId}}): what was refused, without the values in it. */
	private static String pathOf(HttpServletRequest request) {
		var pattern = request.getAttribute(org.springframework.web.servlet.HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		return pattern != null ? pattern.toString() : request.getRequestURI();
	}

	/** The roles a handler admits: its method's {@code @RolesAllowed}, else its class's. */
	static Set<Role> allowedRoles(HandlerMethod method) {
		var annotation = method.getMethodAnnotation(RolesAllowed.class);
		if (annotation == null) {
			annotation = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), RolesAllowed.class);
		}
		if (annotation == null) {
			return Set.of();
		}
		var roles = EnumSet.noneOf(Role.class);
		Arrays.stream(annotation.value()).map(Role::valueOf).forEach(roles::add);
		return roles;
	}
}
