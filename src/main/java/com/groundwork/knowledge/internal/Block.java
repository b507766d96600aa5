package com.groundwork.knowledge.internal;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One structural unit of a parsed document, in reading order. Chunking never cuts inside a list item or a table row.
 *
 * @param level the heading level (1-6) for headings, 0 otherwise
 * @param tableHeader for a table row, the header row of its table (repeated when a chunk starts mid-table)
 */
record Block(Kind kind, int level, String text, @Nullable String tableHeader) {

	enum Kind {
		HEADING, PARAGRAPH, LIST_ITEM, TABLE_ROW, CODE
	}

	Block {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(text, "text");
	}

	static Block heading(int level, String text) {
		return new Block(Kind.HEADING, level, text, null);
	}

	static Block paragraph(String text) {
		return new Block(Kind.PARAGRAPH, 0, text, null);
	}

	static Block listItem(String text) {
		return new Block(Kind.LIST_ITEM, 0, text, null);
	}

	static Block tableRow(String text, @Nullable String header) {
		return new Block(Kind.TABLE_ROW, 0, text, header);
	}

	static Block code(String text) {
		return new Block(Kind.CODE, 0, text, null);
	}
}
