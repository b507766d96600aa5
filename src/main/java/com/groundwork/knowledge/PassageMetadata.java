package com.groundwork.knowledge;

import java.util.Objects;

/**
 * The filterable metadata of a document, copied onto each of its chunks. Absent values are empty strings, never null.
 * Values are lower-case slugs (e.g. {@code case-study}, {@code logistics}, {@code emea}, {@code en}).
 *
 * @param visibility who the content is for: {@code public} (may be quoted to prospects, the default) or
 * {@code internal} (for the tenant's own people: searchable, never cited in outreach)
 */
public record PassageMetadata(String type, String product, String industry, String region, String language,
		String visibility) {

	/** The visibility of a document that declares none: quoting it to a prospect is allowed. */
	public static final String PUBLIC = "public";

	/** The document types a knowledge document may declare (its {@code type} metadata), in display order. */
	public static final java.util.List<String> TYPES = java.util.List.of("product-doc", "case-study", "faq", "pricing",
			"integration");

	public PassageMetadata {
		type = normalize(type);
		product = normalize(product);
		industry = normalize(industry);
		region = normalize(region);
		language = normalize(language);
		visibility = normalize(visibility);
		if (visibility.isEmpty()) {
			visibility = PUBLIC;
		}
	}

	/** Metadata of public content. */
	public PassageMetadata(String type, String product, String industry, String region, String language) {
		this(type, product, industry, region, language, PUBLIC);
	}

	private static String normalize(String value) {
		return Objects.requireNonNullElse(value, "").strip().toLowerCase(java.util.Locale.ROOT);
	}
}
