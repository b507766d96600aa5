package com.groundwork.identity.internal;

import com.groundwork.identity.Actor;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Loads a person for the login form, with the tenant they belong to. */
@Service
class AccountDetailsService implements UserDetailsService {

	private final UserRepository users;
	private final TenantRepository tenants;

	AccountDetailsService(UserRepository users, TenantRepository tenants) {
		this.users = users;
		this.tenants = tenants;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		var account = users.findForLogin(username).orElseThrow(() -> new UsernameNotFoundException("unknown user"));
		var tenant = tenants.findById(account.tenantId()).orElseThrow(() -> new UsernameNotFoundException("no tenant"));
		var actor = new Actor(Actor.Kind.USER, account.id(), account.username(), account.tenantId(), tenant.slug(),
				tenant.name(), account.roles(), account.platformAdmin());
		return new ActorUserDetails(actor, account.passwordHash(), account.enabled());
	}
}
