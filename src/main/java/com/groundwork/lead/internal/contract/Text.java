package com.groundwork.lead.internal.contract;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** How the contract's records normalize text: trimmed, and blank means absent. */
final class Text {

	private Text() {
	}

	static @Nullable String clean(@Nullable String value) {
		if (value == null) {
			return null;
		}
		var stripped = value.strip();
		return stripped.isEmpty() ? null : stripped;
	}

	static @Nullable String upper(@Nullable String value) {
		var cleaned = clean(value);
		return cleaned == null ? null : cleaned.toUpperCase(Locale.ROOT);
	}

	static @Nullable String lower(@Nullable String value) {
		var cleaned = clean(value);
		return cleaned == null ? null : cleaned.toLowerCase(Locale.ROOT);
	}

	/** {@code "Financial Services"} becomes {@code "financial-services"}. */
	static @Nullable String slug(@Nullable String value) {
		var lowered = lower(value);
		return lowered == null ? null : lowered.replaceAll("[\\s_/]+", "-");
	}
}
