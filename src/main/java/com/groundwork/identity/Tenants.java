package com.groundwork.identity;

import java.util.List;
import java.util.Optional;

/**
 * All tenants, for background work that runs outside any request (there is no actor to take the tenant from, so such
 * work passes the {@link TenantId} explicitly).
 */
public interface Tenants {

	/** Every tenant, ordered by slug. */
	List<TenantSummary> all();

	/** The tenant's slug (which names its settings and policy files); empty for an unknown tenant. */
	default Optional<String> slugOf(TenantId tenant) {
		return all().stream().filter(summary -> summary.id().equals(tenant)).map(TenantSummary::slug).findFirst();
	}
}
