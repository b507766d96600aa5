package com.groundwork.knowledge.internal;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** Plain text has no markup: its paragraphs are separated by blank lines. */
final class PlainTextBlocks {

	private static final Pattern BLANK_LINES = Pattern.compile("\\R[ \\t]*\\R");

	private PlainTextBlocks() {
	}

	static List<Block> read(String text) {
		return Arrays.stream(BLANK_LINES.split(text))
			.map(Whitespace::collapse)
			.filter(paragraph -> !paragraph.isEmpty())
			.map(Block::paragraph)
			.toList();
	}
}
