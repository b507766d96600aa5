package com.groundwork.identity;

import java.util.List;

/**
 * All tenants, for background work that runs outside any request (there is no actor to take the tenant from, so such
 * work passes the {@link TenantId} explicitly).
 */
public interface Tenants {

	/** Every tenant, ordered by slug. */
	List<TenantSummary> all();
}
