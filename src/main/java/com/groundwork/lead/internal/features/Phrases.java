package com.groundwork.lead.internal.features;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** A set of phrases matched as whole words, case-insensitively ({@code api} matches "API access", not "rapid"). */
public final class Phrases {

	private final Pattern pattern;

	public Phrases(List<String> phrases) {
		var alternatives = phrases.stream()
			.map(phrase -> phrase.strip().toLowerCase(Locale.ROOT))
			.filter(phrase -> !phrase.isEmpty())
			.map(phrase -> Pattern.quote(phrase).replace(" ", "\\E\\s+\\Q"))
			.reduce((a, b) -> a + "|" + b)
			.orElse("(?!)");
		this.pattern = Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + alternatives + ")(?![\\p{L}\\p{N}])",
				Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
	}

	public boolean foundIn(String text) {
		return pattern.matcher(text).find();
	}
}
