package com.groundwork.identity.internal;

import com.groundwork.identity.Actor;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/** A request authenticated by an API key; the key itself is never kept. */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

	private final Actor actor;

	ApiKeyAuthentication(Actor actor) {
		super(ActorUserDetails.authoritiesOf(actor));
		this.actor = actor;
		setAuthenticated(true);
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public Actor getPrincipal() {
		return actor;
	}
}
