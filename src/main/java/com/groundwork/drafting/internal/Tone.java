package com.groundwork.drafting.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** How a draft sounds. */
enum Tone {
	FRIENDLY, FORMAL, CONCISE;

	String slug() {
		return name().toLowerCase(Locale.ROOT);
	}

	static List<String> slugs() {
		return Arrays.stream(values()).map(Tone::slug).toList();
	}

	static Optional<Tone> of(String slug) {
		return Arrays.stream(values()).filter(tone -> tone.slug().equals(slug.strip().toLowerCase(Locale.ROOT))).findFirst();
	}
}
