package com.groundwork.knowledge;

import java.util.Objects;

/**
 * The filterable metadata of a document, copied onto each of its chunks. Absent values are empty strings, never null.
 * Values are lower-case slugs (e.g. {@code case-study}, {@code logistics}, {@code emea}, {@code en}).
 */
public record PassageMetadata(String type, String product, String industry, String region, String language) {

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
