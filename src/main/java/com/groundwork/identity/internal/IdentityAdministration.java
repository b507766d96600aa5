package com.groundwork.identity.internal;

import com.groundwork.identity.Actor;
import com.groundwork.identity.CurrentActor;
import com.groundwork.identity.Role;
import com.groundwork.identity.SecurityEvent;
import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import com.groundwork.identity.TenantId;
import com.groundwork.identity.internal.IdentityProblems.ResourceNotFoundException;
import com.groundwork.identity.internal.IdentityProblems.TenantSlugTakenException;
import com.groundwork.identity.internal.IdentityProblems.UsernameTakenException;
import com.groundwork.identity.internal.IdentityRequests.CreatedApiKey;
import com.groundwork.identity.internal.IdentityRequests.CreatedTenant;
import com.groundwork.identity.internal.IdentityRequests.NewApiKey;
import com.groundwork.identity.internal.IdentityRequests.NewTenant;
import com.groundwork.identity.internal.IdentityRequests.NewUser;
import java.util.List;
import java.util.UUID;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Tenants, users and API keys, administered within the caller's tenant (all tenants for a platform admin). */
@Service
class IdentityAdministration {

	private final TenantRepository tenants;
	private final UserRepository users;
	private final ApiKeyRepository keys;
	private final PasswordEncoder passwordEncoder;
	private final CurrentActor currentActor;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	IdentityAdministration(TenantRepository tenants, UserRepository users, ApiKeyRepository keys,
			PasswordEncoder passwordEncoder, CurrentActor currentActor, ApplicationEventPublisher events, Clock clock) {
		this.tenants = tenants;
		this.users = users;
		this.keys = keys;
		this.passwordEncoder = passwordEncoder;
		this.currentActor = currentActor;
		this.events = events;
		this.clock = clock;
	}

	/** An administrative change by the current actor, for the audit trail. */
	private void changed(TenantId tenant, SecurityEvent.Type type, String target, String detail) {
		var actor = currentActor.require();
		events.publishEvent(new SecurityEvent(tenant, type, actor.kind().name(), actor.name(), target, detail,
				clock.instant()));
	}

	List<TenantView> visibleTenants() {
		var actor = currentActor.require();
		return actor.platformAdmin() ? tenants.findAll() : tenants.findById(actor.tenantId()).stream().toList();
	}

	TenantView visibleTenant(UUID id) {
		var actor = currentActor.require();
		if (!actor.platformAdmin() && !actor.tenantId().value().equals(id)) {
			throw new ResourceNotFoundException("Tenant", id);
		}
		return tenants.findById(new TenantId(id)).orElseThrow(() -> new ResourceNotFoundException("Tenant", id));
	}

	@Transactional
	CreatedTenant createTenant(NewTenant request) {
		if (!currentActor.require().platformAdmin()) {
			throw new AccessDeniedException("Creating tenants needs a platform administrator");
		}
		if (tenants.findBySlug(request.slug()).isPresent()) {
			throw new TenantSlugTakenException(request.slug());
		}
		var tenant = tenants.create(request.slug(), request.name(), request.region());
		var admin = request.admin() == null ? null : createUser(new TenantId(tenant.id()), request.admin());
		changed(currentActor.tenant(), SecurityEvent.Type.TENANT_CREATED, "tenant:" + tenant.id(),
				tenant.slug() + " in region " + tenant.region());
		return new CreatedTenant(tenant, admin);
	}

	List<UserView> users() {
		return users.findAllInCurrentTenant();
	}

	UserView user(UUID id) {
		return users.findInCurrentTenant(id).orElseThrow(() -> new ResourceNotFoundException("User", id));
	}

	@Transactional
	UserView createUserInCurrentTenant(NewUser request) {
		return createUser(currentActor.tenant(), request);
	}

	private UserView createUser(TenantId tenant, NewUser request) {
		if (users.usernameExists(request.username())) {
			throw new UsernameTakenException(request.username());
		}
		var user = users.insert(tenant, request.username(), request.displayName(),
				passwordEncoder.encode(request.password()), request.roles(), false);
		changed(tenant, SecurityEvent.Type.USER_CREATED, "user:" + user.id(),
				user.username() + " with roles " + new java.util.TreeSet<>(user.roles()));
		return user;
	}

	List<ApiKeyView> apiKeys(String prefix) {
		return keys.findAllInCurrentTenant(prefix);
	}

	ApiKeyView apiKey(UUID id) {
		return keys.findInCurrentTenant(id).orElseThrow(() -> new ResourceNotFoundException("API key", id));
	}

	CreatedApiKey createApiKey(NewApiKey request) {
		Actor actor = currentActor.require();
		var key = ApiKeys.generate();
		var view = keys.insert(actor.tenantId(), request.name(), key, request.role(), false, actor.name());
		changed(actor.tenantId(), SecurityEvent.Type.API_KEY_CREATED, "api-key:" + view.id(),
				view.name() + " (" + view.prefix() + "…) with role " + view.role());
		return CreatedApiKey.of(view, key);
	}

	void revokeApiKey(UUID id) {
		if (!keys.revokeInCurrentTenant(id)) {
			throw new ResourceNotFoundException("API key", id);
		}
		changed(currentActor.tenant(), SecurityEvent.Type.API_KEY_REVOKED, "api-key:" + id, "revoked");
	}

	/** Seeds a user with a known role set; used by the demo seeder only. */
	UserView seedUser(TenantId tenant, String username, String displayName, String password, Role role,
			boolean platformAdmin) {
		return users.insert(tenant, username, displayName, passwordEncoder.encode(password), java.util.Set.of(role),
				platformAdmin);
	}
}
