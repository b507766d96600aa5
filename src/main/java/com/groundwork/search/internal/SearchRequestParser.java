package com.groundwork.search.internal;

import com.groundwork.identity.TenantId;
import com.groundwork.search.SearchFilters;
import com.groundwork.search.SearchQuery;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.util.MultiValueMap;

/**
 * Turns query parameters into a {@link SearchQuery}, refusing anything it would have to guess about: unknown
 * parameters, repeated scalars, k out of range, filter values that are not slugs or that no chunk of the tenant
 * carries. Each refusal names the parameter and what it accepts.
 */
class SearchRequestParser {

	static final int DEFAULT_K = 10;

	/**
	 * {@code language} is the filter on the passages' language; the language the query is written in is
	 * {@code query_language}.
	 */
	static final List<String> PARAMETERS = List.of("q", "k", "explain", "query_language", "type", "product", "industry",
			"region", "language", "visibility");

	private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

	private final LuceneChunkIndex index;

	SearchRequestParser(LuceneChunkIndex index) {
		this.index = index;
	}

	SearchQuery parse(MultiValueMap<String, String> parameters, TenantId tenant) {
		for (var name : parameters.keySet()) {
			if (!PARAMETERS.contains(name)) {
				throw new InvalidSearchParameterException(name, "is not a search parameter", PARAMETERS);
			}
		}
		var text = single(parameters, "q");
		if (text == null || text.isBlank()) {
			throw new InvalidSearchParameterException("q", "must not be empty: give the text to search for", List.of());
		}
		if (text.length() > SearchQuery.MAX_TEXT_LENGTH) {
			throw new InvalidSearchParameterException("q",
					"is " + text.length() + " characters long; at most " + SearchQuery.MAX_TEXT_LENGTH, List.of());
		}
		var k = parseK(single(parameters, "k"));
		var explain = parseExplain(single(parameters, "explain"));
		var queryLanguage = parseQueryLanguage(single(parameters, "query_language"));
		var filters = new SearchFilters(values(parameters, "type", tenant), values(parameters, "product", tenant),
				values(parameters, "industry", tenant), values(parameters, "region", tenant),
				values(parameters, "language", tenant), values(parameters, "visibility", tenant));
		return new SearchQuery(tenant, text.strip(), k, filters, explain).withLanguage(queryLanguage);
	}

	/** An ISO 639-1 code, any case; blank or absent is unknown (the query is analyzed in every language). */
	private static String parseQueryLanguage(String value) {
		if (value == null || value.isBlank()) {
			return "";
		}
		var code = value.strip().toLowerCase(Locale.ROOT);
		if (!SearchQuery.isLanguage(code)) {
			throw new InvalidSearchParameterException("query_language",
					"'" + value + "' is not an ISO 639-1 language code", List.of("a two-letter code such as en or de"));
		}
		return code;
	}

	private static String single(MultiValueMap<String, String> parameters, String name) {
		var values = parameters.get(name);
		if (values == null || values.isEmpty()) {
			return null;
		}
		if (values.size() > 1) {
			throw new InvalidSearchParameterException(name, "was given " + values.size() + " times; give it once",
					List.of());
		}
		return values.getFirst();
	}

	private static int parseK(String value) {
		var range = List.of("a whole number from 1 to " + SearchQuery.MAX_K);
		if (value == null || value.isBlank()) {
			return DEFAULT_K;
		}
		try {
			int k = Integer.parseInt(value.strip());
			if (k < 1 || k > SearchQuery.MAX_K) {
				throw new InvalidSearchParameterException("k", k + " is out of range", range);
			}
			return k;
		}
		catch (NumberFormatException ex) {
			throw new InvalidSearchParameterException("k", "'" + value + "' is not a whole number", range);
		}
	}

	private static boolean parseExplain(String value) {
		if (value == null || value.isBlank()) {
			return false;
		}
		return switch (value.strip().toLowerCase(Locale.ROOT)) {
			case "true" -> true;
			case "false" -> false;
			default -> throw new InvalidSearchParameterException("explain", "'" + value + "' is not a boolean",
					List.of("true", "false"));
		};
	}

	/** One filter's values: repeated parameters or comma-separated, lower-cased, each known for the tenant. */
	private Set<String> values(MultiValueMap<String, String> parameters, String name, TenantId tenant) {
		var given = parameters.get(name);
		if (given == null) {
			return Set.of();
		}
		var values = new LinkedHashSet<String>();
		for (var value : given) {
			for (var part : value.split(",")) {
				var slug = part.strip().toLowerCase(Locale.ROOT);
				if (!slug.isEmpty()) {
					values.add(slug);
				}
			}
		}
		for (var value : values) {
			if (!SLUG.matcher(value).matches()) {
				throw new InvalidSearchParameterException(name, "'" + value + "' is not a " + name
						+ " value: lower-case letters, digits, '-', '.' and '_'", List.copyOf(index.valuesOf(tenant, name)));
			}
		}
		var known = index.valuesOf(tenant, name);
		for (var value : values) {
			if (!known.contains(value)) {
				throw new InvalidSearchParameterException(name,
						"no " + name + " '" + value + "' in your knowledge", List.copyOf(known));
			}
		}
		return values;
	}
}
