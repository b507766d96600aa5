package com.groundwork.insight.internal;

import com.groundwork.identity.TenantId;
import com.groundwork.identity.TenantSummary;
import com.groundwork.identity.Tenants;
import org.springframework.stereotype.Component;

/** Tenant slugs for metric tags: events carry the tenant's id, a dashboard wants its name. */
@Component
class TenantSlugs {

	private final Tenants tenants;

	TenantSlugs(Tenants tenants) {
		this.tenants = tenants;
	}

	String slugOf(TenantId tenant) {
		return tenants.slugOf(tenant).orElse("unknown");
	}

	/** Every tenant, for background work. */
	java.util.List<TenantSummary> all() {
		return tenants.all();
	}
}
