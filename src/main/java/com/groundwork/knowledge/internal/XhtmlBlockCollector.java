package com.groundwork.knowledge.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Turns Tika's XHTML (from HTML, PDF or DOCX) into blocks: {@code h1}-{@code h6} become headings, {@code li} list
 * items, {@code tr} table rows (cells joined with " | "), {@code pre} code, and any other text paragraphs. Text inside
 * a list item, row or heading always stays in that one block, whatever markup it contains.
 */
final class XhtmlBlockCollector extends LimitedContentHandler {

	private static final Set<String> IGNORED = Set.of("head", "title", "script", "style", "noscript", "template");

	private static final Set<String> CONTAINERS = Set.of("h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "pre");

	/** Elements that end a paragraph (or separate words inside a container). */
	private static final Set<String> BREAKS = Set.of("p", "div", "br", "blockquote", "section", "article", "header",
			"footer", "aside", "main", "nav", "dd", "dt", "dl", "ul", "ol", "table", "caption", "figure", "figcaption",
			"address", "hr", "form", "body", "td", "th");

	private final List<Block> blocks = new ArrayList<>();

	private final StringBuilder paragraph = new StringBuilder();

	private final Deque<Frame> containers = new ArrayDeque<>();

	/** One entry per open {@code ul}/{@code ol}: the next number of an ordered list, or -1 for bullets. */
	private final Deque<int[]> lists = new ArrayDeque<>();

	/** One entry per open table: its header row, once seen. */
	private final Deque<String[]> tables = new ArrayDeque<>();

	private int ignoredDepth;

	XhtmlBlockCollector(int maxCharacters) {
		super(maxCharacters);
	}

	List<Block> blocks() {
		flushParagraph();
		return List.copyOf(blocks);
	}

	@Override
	void start(String element) {
		if (IGNORED.contains(element)) {
			ignoredDepth++;
			return;
		}
		switch (element) {
			case "ul" -> lists.push(new int[] { -1 });
			case "ol" -> lists.push(new int[] { 1 });
			case "table" -> tables.push(new String[1]);
			default -> {
			}
		}
		if (CONTAINERS.contains(element)) {
			openContainer(element);
		}
		else if (BREAKS.contains(element)) {
			breakText(element, true);
		}
	}

	@Override
	void end(String element) {
		if (IGNORED.contains(element)) {
			ignoredDepth--;
			return;
		}
		if (CONTAINERS.contains(element)) {
			closeContainer(element);
		}
		else if (BREAKS.contains(element)) {
			breakText(element, false);
		}
		switch (element) {
			case "ul", "ol" -> lists.poll();
			case "table" -> tables.poll();
			default -> {
			}
		}
	}

	@Override
	void text(char[] ch, int start, int length) {
		if (ignoredDepth > 0) {
			return;
		}
		var frame = containers.peek();
		(frame == null ? paragraph : frame.buffer()).append(ch, start, length);
	}

	private void openContainer(String element) {
		var parent = containers.peek();
		if (parent == null) {
			flushParagraph();
		}
		else if (parent.kind() == Block.Kind.LIST_ITEM && !element.equals("tr")) {
			// A nested list or code block: what the outer item said so far is a complete block of its own.
			emit(parent);
			parent.text().setLength(0);
		}
		else {
			// Anything else nested in a heading, row or code block is just more of its text.
			parent.nested().push(element);
			parent.buffer().append(' ');
			return;
		}
		containers.push(Frame.of(element, listMarker(element)));
	}

	private void closeContainer(String element) {
		var frame = containers.peek();
		if (frame == null) {
			return; // unbalanced markup: ignore the stray end tag
		}
		if (element.equals(frame.nested().peek())) {
			frame.nested().pop();
			frame.buffer().append(' ');
			return;
		}
		if (!frame.element().equals(element)) {
			return;
		}
		containers.pop();
		if (frame.kind() == Block.Kind.TABLE_ROW && !frame.cell().toString().isBlank()) {
			frame.endCell(); // text directly inside the row, outside any cell
		}
		emit(frame);
	}

	private void breakText(String element, boolean opening) {
		var frame = containers.peek();
		if (frame == null) {
			flushParagraph();
		}
		else if (frame.kind() == Block.Kind.TABLE_ROW && frame.nested().isEmpty()
				&& (element.equals("td") || element.equals("th"))) {
			if (opening) {
				frame.cell().setLength(0); // drop the whitespace between cells
			}
			else {
				frame.endCell();
			}
		}
		else {
			frame.buffer().append(frame.kind() == Block.Kind.CODE ? '\n' : ' ');
		}
	}

	private String listMarker(String element) {
		if (!element.equals("li")) {
			return "";
		}
		var list = lists.peek();
		if (list == null || list[0] < 0) {
			return "- ";
		}
		return (list[0]++) + ". ";
	}

	private void emit(Frame frame) {
		switch (frame.kind()) {
			case HEADING -> {
				var text = Whitespace.collapse(frame.text());
				if (!text.isEmpty()) {
					blocks.add(Block.heading(frame.level(), text));
				}
			}
			case LIST_ITEM -> {
				var text = Whitespace.collapse(frame.text());
				if (!text.isEmpty()) {
					blocks.add(Block.listItem(frame.marker() + text));
				}
			}
			case CODE -> {
				var text = Whitespace.trimLines(frame.text());
				if (!text.isEmpty()) {
					blocks.add(Block.code(text));
				}
			}
			case TABLE_ROW -> emitRow(frame.cells());
			case PARAGRAPH -> throw new IllegalStateException("paragraphs are not containers");
		}
	}

	private void emitRow(List<String> cells) {
		if (cells.stream().allMatch(String::isEmpty)) {
			return;
		}
		var row = String.join(" | ", cells);
		var table = tables.peek();
		if (table == null) {
			blocks.add(Block.tableRow(row, null));
		}
		else if (table[0] == null) {
			table[0] = row; // the first row names the columns of the rows below it
			blocks.add(Block.tableRow(row, null));
		}
		else {
			blocks.add(Block.tableRow(row, table[0]));
		}
	}

	private void flushParagraph() {
		var text = Whitespace.collapse(paragraph);
		paragraph.setLength(0);
		if (!text.isEmpty()) {
			blocks.add(Block.paragraph(text));
		}
	}

	/** An open heading, list item, table row or code block. */
	private record Frame(String element, Block.Kind kind, int level, String marker, StringBuilder text,
			StringBuilder cell, List<String> cells, Deque<String> nested) {

		static Frame of(String element, String marker) {
			var kind = switch (element) {
				case "li" -> Block.Kind.LIST_ITEM;
				case "tr" -> Block.Kind.TABLE_ROW;
				case "pre" -> Block.Kind.CODE;
				default -> Block.Kind.HEADING;
			};
			int level = kind == Block.Kind.HEADING ? element.charAt(1) - '0' : 0;
			return new Frame(element, kind, level, marker, new StringBuilder(), new StringBuilder(), new ArrayList<>(),
					new ArrayDeque<>());
		}

		/** Where text goes: a row's current cell, else the block's text. */
		StringBuilder buffer() {
			return kind == Block.Kind.TABLE_ROW ? cell : text;
		}

		void endCell() {
			cells.add(Whitespace.collapse(cell));
			cell.setLength(0);
		}
	}
}
