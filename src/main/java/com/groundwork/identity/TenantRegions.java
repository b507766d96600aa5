package com.groundwork.identity;

/** Where each tenant's data may go: its region decides which model endpoints may receive it (region pinning). */
@FunctionalInterface
public interface TenantRegions {

	/**
	 * The tenant's data region, e.g. {@code EU} or {@code US}.
	 * @throws java.util.NoSuchElementException for an unknown tenant
	 */
	String regionOf(TenantId tenant);
}
