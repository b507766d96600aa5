package com.groundwork.search;

import com.groundwork.identity.TenantId;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One search within a tenant.
 *
 * @param explain whether each passage reports how the lexical and the vector search ranked it
 * @param retrieval which searches run: both fused (the default), or one alone (for comparisons and evaluation)
 * @param language the language the query text is written in, as an ISO 639-1 code ({@code de}), lower case: the
 * lexical search analyzes it as that language's passages were analyzed; empty when unknown, and then the text is
 * analyzed in every language the search knows
 */
public record SearchQuery(TenantId tenant, String text, int k, SearchFilters filters, boolean explain,
		Retrieval retrieval, Optional<String> language) {

	public static final int MAX_K = 100;

	/** Longest query text accepted; longer input is a paste accident, not a question. */
	public static final int MAX_TEXT_LENGTH = 2000;

	private static final Set<String> ISO_639_1 = Set.of(Locale.getISOLanguages());

	/** Which searches a query runs. */
	public enum Retrieval {
		HYBRID, LEXICAL, VECTOR
	}

	public SearchQuery {
		Objects.requireNonNull(tenant, "tenant");
		Objects.requireNonNull(filters, "filters");
		Objects.requireNonNull(retrieval, "retrieval");
		Objects.requireNonNull(language, "language");
		if (text == null || text.isBlank()) {
			throw new IllegalArgumentException("q must not be empty");
		}
		if (text.length() > MAX_TEXT_LENGTH) {
			throw new IllegalArgumentException("q must be at most " + MAX_TEXT_LENGTH + " characters");
		}
		if (k < 1 || k > MAX_K) {
			throw new IllegalArgumentException("k must be between 1 and " + MAX_K);
		}
		if (language.isPresent() && !isLanguage(language.get())) {
			throw new IllegalArgumentException(
					"language must be an ISO 639-1 code in lower case (such as en or de), not '" + language.get() + "'");
		}
	}

	/** A search of a query in an unknown language. */
	public SearchQuery(TenantId tenant, String text, int k, SearchFilters filters, boolean explain,
			Retrieval retrieval) {
		this(tenant, text, k, filters, explain, retrieval, Optional.empty());
	}

	/** A hybrid search of a query in an unknown language. */
	public SearchQuery(TenantId tenant, String text, int k, SearchFilters filters, boolean explain) {
		this(tenant, text, k, filters, explain, Retrieval.HYBRID);
	}

	/** The same search of a query written in {@code language} (ISO 639-1); blank means unknown. */
	public SearchQuery withLanguage(String language) {
		return new SearchQuery(tenant, text, k, filters, explain, retrieval,
				language == null || language.isBlank() ? Optional.empty() : Optional.of(language));
	}

	/** Whether {@code code} is a two-letter ISO 639-1 language code in lower case. */
	public static boolean isLanguage(String code) {
		return code.length() == 2 && code.equals(code.toLowerCase(Locale.ROOT)) && ISO_639_1.contains(code);
	}
}
