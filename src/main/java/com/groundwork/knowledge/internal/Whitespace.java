package com.groundwork.knowledge.internal;

import java.util.regex.Pattern;

/** Whitespace clean-up of extracted text. */
final class Whitespace {

	private static final Pattern RUNS = Pattern.compile("[\\s\\u00A0\\u200B]+");

	private static final Pattern TRAILING = Pattern.compile("[ \\t\\u00A0]+$", Pattern.MULTILINE);

	private Whitespace() {
	}

	/** All runs of whitespace (line breaks included) become one space. */
	static String collapse(CharSequence text) {
		return RUNS.matcher(text).replaceAll(" ").strip();
	}

	/** Keeps line breaks (code), drops trailing spaces and blank lines at both ends. */
	static String trimLines(CharSequence text) {
		return TRAILING.matcher(text).replaceAll("").replaceAll("^\\n+|\\n+$", "");
	}
}
