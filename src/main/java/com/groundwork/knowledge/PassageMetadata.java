package com.groundwork.knowledge;

import java.util.Objects;

/**
 * The filterable metadata of a document, copied onto each of its chunks. Absent values are empty strings, never null.
 * Values are lower-case slugs (e.g. {@code case-study}, {@code logistics}, {@code emea}, {@code en}).
 */
public record PassageMetadata(String type, String product, String industry, String region, String language) {

	/** The document types a knowledge document may declare (its {@code type} metadata), in display order. */
	public static final java.util.List<String> TYPES = java.util.List.of("product-doc", "case-study", "faq", "pricing",
			"integration");

	public PassageMetadata {
		type = normalize(type);
		product = normalize(product);
		industry = normalize(industry);
		region = normalize(region);
		language = normalize(language);
	}

	private static String normalize(String value) {
		return Objects.requireNonNullElse(value, "").strip().toLowerCase(java.util.Locale.ROOT);
	}
}
