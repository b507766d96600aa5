package com.groundwork.search;

import com.groundwork.identity.TenantId;
import java.util.Objects;

/** One hybrid search within a tenant. */
public record SearchQuery(TenantId tenant, String text, int k, SearchFilters filters, boolean explain) {

	public static final int MAX_K = 100;

	public SearchQuery {
		Objects.requireNonNull(tenant, "tenant");
		Objects.requireNonNull(filters, "filters");
		if (text == null || text.isBlank()) {
			throw new IllegalArgumentException("q must not be empty");
		}
		if (k < 1 || k > MAX_K) {
			throw new IllegalArgumentException("k must be between 1 and " + MAX_K);
		}
	}
}
