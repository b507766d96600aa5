package com.groundwork.identity.internal;

import com.groundwork.identity.Actor;
import com.groundwork.identity.CurrentActor;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The current actor, read from Spring Security's context (form login or API key). */
@Component
class SecurityContextCurrentActor implements CurrentActor {

	@Override
	public Optional<Actor> find() {
		var authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null) {
			return Optional.empty();
		}
		return switch (authentication.getPrincipal()) {
			case ActorUserDetails details -> Optional.of(details.actor());
			case Actor actor -> Optional.of(actor);
			case null, default -> Optional.empty();
		};
	}
}
