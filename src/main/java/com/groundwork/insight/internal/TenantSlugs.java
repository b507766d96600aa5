package com.groundwork.insight.internal;

import com.groundwork.identity.TenantId;
import com.groundwork.identity.TenantSummary;
import com.groundwork.identity.Tenants;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Tenant slugs for metric tags: events carry the tenant's id, a dashboard wants its name. Slugs are few and never
 * change, so they are remembered; an unknown id reloads the list once.
 */
@Component
class TenantSlugs {

	private final Tenants tenants;

	private final Map<TenantId, String> slugs = new ConcurrentHashMap<>();

	TenantSlugs(Tenants tenants) {
		this.tenants = tenants;
	}

	String slugOf(TenantId tenant) {
		var slug = slugs.get(tenant);
		if (slug == null) {
			tenants.all().forEach(summary -> slugs.put(summary.id(), summary.slug()));
			slug = slugs.getOrDefault(tenant, "unknown");
		}
		return slug;
	}

	/** Every tenant, for background work. */
	java.util.List<TenantSummary> all() {
		var all = tenants.all();
		all.forEach(summary -> slugs.put(summary.id(), summary.slug()));
		return all;
	}
}
