package com.groundwork.knowledge.internal;

/**
 * The one place that decides what text of a chunk is embedded: its heading path, a blank line, then its text. The
 * path puts a passage in context ("Pricing › Enterprise plan") that its own words often leave implicit.
 */
final class PassageText {

	private PassageText() {
	}

	static String forEmbedding(String headingPath, String text) {
		return headingPath.isEmpty() ? text : headingPath + "\n\n" + text;
	}
}
