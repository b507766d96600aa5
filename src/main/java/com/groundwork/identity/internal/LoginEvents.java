package com.groundwork.identity.internal;

import com.groundwork.identity.SecurityEvent;
import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * Form sign-ins as {@link SecurityEvent}s of the user's tenant. A failed sign-in for a username nobody has belongs to
 * no tenant and is not published (there is no tenant audit trail to put it in).
 */
@Component
class LoginEvents {

	private final UserRepository users;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	LoginEvents(UserRepository users, ApplicationEventPublisher events, Clock clock) {
		this.users = users;
		this.events = events;
		this.clock = clock;
	}

	@EventListener
	void succeeded(AuthenticationSuccessEvent event) {
		if (event.getAuthentication().getPrincipal() instanceof ActorUserDetails details) {
			var actor = details.actor();
			events.publishEvent(new SecurityEvent(actor.tenantId(), SecurityEvent.Type.LOGIN_SUCCEEDED, "USER",
					actor.name(), "user:" + actor.id(), "form login", clock.instant()));
		}
	}

	@EventListener
	void failed(AbstractAuthenticationFailureEvent event) {
		var username = event.getAuthentication().getName();
		users.findForLogin(username)
			.ifPresent(account -> events.publishEvent(new SecurityEvent(account.tenantId(),
					SecurityEvent.Type.LOGIN_FAILED, "USER", account.username(), "user:" + account.id(),
					event.getException().getClass().getSimpleName(), clock.instant())));
	}
}
