package com.groundwork.identity.internal;

import com.groundwork.identity.Actor;
import java.util.Collection;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** A signed-in person: the actor plus the password hash the form login checks (erased after authentication). */
final class ActorUserDetails implements UserDetails, CredentialsContainer {

	private final Actor actor;
	private final boolean enabled;
	private String passwordHash;

	ActorUserDetails(Actor actor, String passwordHash, boolean enabled) {
		this.actor = actor;
		this.passwordHash = passwordHash;
		this.enabled = enabled;
	}

	Actor actor() {
		return actor;
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return authoritiesOf(actor);
	}

	static Collection<GrantedAuthority> authoritiesOf(Actor actor) {
		return actor.roles().stream().<GrantedAuthority>map(role -> new SimpleGrantedAuthority(role.authority())).toList();
	}

	@Override
	public String getPassword() {
		return passwordHash;
	}

	@Override
	public String getUsername() {
		return actor.name();
	}

	@Override
	public boolean isEnabled() {
		return enabled;
	}

	@Override
	public void eraseCredentials() {
		passwordHash = "";
	}
}
