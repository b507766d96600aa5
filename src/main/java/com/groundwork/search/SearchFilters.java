package com.groundwork.search;

import java.util.Map;
import java.util.Set;

/**
 * Metadata filters applied inside both searches (never by post-filtering a top-k). Within one field the values are
 * alternatives (OR); across fields they all must hold (AND). An empty set means "any".
 */
public record SearchFilters(Set<String> types, Set<String> products, Set<String> industries, Set<String> regions,
		Set<String> languages, Set<String> visibilities) {

	/** The filter names accepted by the API, in the order they are documented. */
	public static final Set<String> NAMES = Set.of("type", "product", "industry", "region", "language", "visibility");

	public static final SearchFilters NONE = new SearchFilters(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(),
			Set.of());

	public SearchFilters {
		types = Set.copyOf(types);
		products = Set.copyOf(products);
		industries = Set.copyOf(industries);
		regions = Set.copyOf(regions);
		languages = Set.copyOf(languages);
		visibilities = Set.copyOf(visibilities);
	}

	/** Filters of any visibility. */
	public SearchFilters(Set<String> types, Set<String> products, Set<String> industries, Set<String> regions,
			Set<String> languages) {
		this(types, products, industries, regions, languages, Set.of());
	}

	/** The same filters, restricted to content of these visibilities (e.g. {@code public} for outreach). */
	public SearchFilters withVisibilities(Set<String> visibilities) {
		return new SearchFilters(types, products, industries, regions, languages, visibilities);
	}

	public boolean isEmpty() {
		return types.isEmpty() && products.isEmpty() && industries.isEmpty() && regions.isEmpty() && languages.isEmpty()
				&& visibilities.isEmpty();
	}

	/** Filters by field name ({@link #NAMES}) for code that iterates over them. */
	public Map<String, Set<String>> byName() {
		return Map.of("type", types, "product", products, "industry", industries, "region", regions, "language",
				languages, "visibility", visibilities);
	}
}
