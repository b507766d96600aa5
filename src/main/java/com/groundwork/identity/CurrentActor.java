package com.groundwork.identity;

import java.util.Optional;

/**
 * The actor of the current request. Repositories take the tenant from here, never from a request parameter or body.
 */
public interface CurrentActor {

	/** The authenticated actor, if any. */
	Optional<Actor> find();

	/**
	 * The authenticated actor.
	 * @throws NotAuthenticatedException when the request carries no authentication
	 */
	default Actor require() {
		return find().orElseThrow(NotAuthenticatedException::new);
	}

	/** The tenant the current request is scoped to. */
	default TenantId tenant() {
		return require().tenantId();
	}
}
