package com.groundwork.search;

import com.groundwork.identity.TenantId;
import java.util.Objects;

/**
 * One search within a tenant.
 *
 * @param explain whether each passage reports how the lexical and the vector search ranked it
 * @param retrieval which searches run: both fused (the default), or one alone (for comparisons and evaluation)
 */
public record SearchQuery(TenantId tenant, String text, int k, SearchFilters filters, boolean explain,
		Retrieval retrieval) {

	public static final int MAX_K = 100;

	/** Longest query text accepted; longer input is a paste accident, not a question. */
	public static final int MAX_TEXT_LENGTH = 2000;

	/** Which searches a query runs. */
	public enum Retrieval {
		HYBRID, LEXICAL, VECTOR
	}

	public SearchQuery {
		Objects.requireNonNull(tenant, "tenant");
		Objects.requireNonNull(filters, "filters");
		Objects.requireNonNull(retrieval, "retrieval");
		if (text == null || text.isBlank()) {
			throw new IllegalArgumentException("q must not be empty");
		}
		if (text.length() > MAX_TEXT_LENGTH) {
			throw new IllegalArgumentException("q must be at most " + MAX_TEXT_LENGTH + " characters");
		}
		if (k < 1 || k > MAX_K) {
			throw new IllegalArgumentException("k must be between 1 and " + MAX_K);
		}
	}

	/** A hybrid search. */
	public SearchQuery(TenantId tenant, String text, int k, SearchFilters filters, boolean explain) {
		this(tenant, text, k, filters, explain, Retrieval.HYBRID);
	}
}
