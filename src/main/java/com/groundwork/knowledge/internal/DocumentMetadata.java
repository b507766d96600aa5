package com.groundwork.knowledge.internal;

import com.groundwork.knowledge.PassageMetadata;
import java.time.LocalDate;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a document says about itself. Filterable values are lower-case slugs; absent ones are empty strings.
 *
 * @param updated when the content was last revised, as the document declares it
 * @param visibility who the content is meant for (e.g. {@code public}, {@code internal}), as the document declares it
 */
record DocumentMetadata(String title, String type, String product, String industry, String region, String language,
		@Nullable LocalDate updated, String visibility) {

	DocumentMetadata {
		Objects.requireNonNull(title, "title");
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(product, "product");
		Objects.requireNonNull(industry, "industry");
		Objects.requireNonNull(region, "region");
		Objects.requireNonNull(language, "language");
		Objects.requireNonNull(visibility, "visibility");
	}

	PassageMetadata passageMetadata() {
		return new PassageMetadata(type, product, industry, region, language, visibility);
	}
}
