package com.groundwork.identity.internal;

import com.groundwork.identity.Role;
import com.groundwork.identity.TenantId;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Seeds the demo tenants at first start: per tenant one user per role ({@code <slug>.<role>}), the API keys
 * {@code demo-<slug>-<role>}, and one platform administrator ({@code platform.admin}, key {@code demo-platform-admin})
 * in the first tenant. Idempotent: a tenant that exists is left alone.
 */
@Component
@ConditionalOnBooleanProperty("groundwork.demo.enabled")
class DemoTenantSeeder {

	private static final Logger log = LoggerFactory.getLogger(DemoTenantSeeder.class);

	private final DemoSettings settings;
	private final TenantRepository tenants;
	private final ApiKeyRepository keys;
	private final IdentityAdministration administration;

	DemoTenantSeeder(DemoSettings settings, TenantRepository tenants, ApiKeyRepository keys,
			IdentityAdministration administration) {
		this.settings = settings;
		this.tenants = tenants;
		this.keys = keys;
		this.administration = administration;
	}

	@Order(0)
	@EventListener(ContextRefreshedEvent.class)
	@Transactional
	public void seed() {
		boolean first = true;
		for (var slug : settings.tenants()) {
			if (tenants.findBySlug(slug).isEmpty()) {
				seedTenant(slug, first);
				log.info("Seeded demo tenant '{}' with one user and one API key per role", slug);
			}
			first = false;
		}
	}

	private void seedTenant(String slug, boolean withPlatformAdmin) {
		var name = Character.toUpperCase(slug.charAt(0)) + slug.substring(1) + " Corp";
		var tenant = new TenantId(tenants.create(slug, name, "US").id());
		for (var role : Role.values()) {
			var roleName = role.name().toLowerCase(Locale.ROOT);
			administration.seedUser(tenant, slug + "." + roleName, name + " " + roleName, settings.password(), role, false);
			keys.insert(tenant, "demo " + roleName, "demo-" + slug + "-" + roleName, role, false, "demo seed");
		}
		if (withPlatformAdmin) {
			administration.seedUser(tenant, "platform.admin", "Platform administrator", settings.password(), Role.ADMIN,
					true);
			keys.insert(tenant, "demo platform admin", "demo-platform-admin", Role.ADMIN, true, "demo seed");
		}
	}
}
