package com.groundwork.knowledge.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Reads the block structure of Markdown (CommonMark's common subset): ATX and setext headings, paragraphs, bullet and
 * numbered list items (with their continuation lines), pipe tables, fenced and indented code, block quotes. Inline
 * markup is simplified to its text: links keep their text and address, images their alt text.
 */
final class MarkdownBlocks {

	private static final Pattern ATX = Pattern.compile("^ {0,3}(#{1,6})(?:[ \\t]+(.*?))?(?:[ \\t]+#+)?[ \\t]*$");

	private static final Pattern SETEXT = Pattern.compile("^ {0,3}(=+|-+)[ \\t]*$");

	private static final Pattern LIST_ITEM = Pattern.compile("^([ \\t]*)([-*+]|\\d{1,9}[.)])[ \\t]+(.*)$");

	private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");

	private static final Pattern THEMATIC_BREAK = Pattern.compile("^ {0,3}([-*_])(?:[ \\t]*\\1){2,}[ \\t]*$");

	private static final Pattern TABLE_SEPARATOR = Pattern.compile("^[ \\t]*\\|?[ \\t]*:?-+:?[ \\t]*(\\|[ \\t]*:?-+:?[ \\t]*)*\\|?[ \\t]*$");

	private static final Pattern IMAGE = Pattern.compile("!\\[([^\\]]*)]\\([^)]*\\)");

	private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");

	private static final Pattern STRONG = Pattern.compile("(\\*\\*|__)(?=\\S)(.+?)(?<=\\S)\\1");

	private static final Pattern CODE_SPAN = Pattern.compile("`([^`]+)`");

	private MarkdownBlocks() {
	}

	private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);

	static List<Block> read(String markdown) {
		return new Reader(COMMENT.matcher(markdown).replaceAll("").lines().toList()).read();
	}

	/** Inline markup reduced to readable text. */
	static String inline(String text) {
		var plain = IMAGE.matcher(text).replaceAll("$1");
		plain = LINK.matcher(plain).replaceAll(match -> {
			var label = match.group(1);
			var target = match.group(2);
			return java.util.regex.Matcher.quoteReplacement(label.equals(target) ? label : label + " (" + target + ")");
		});
		plain = STRONG.matcher(plain).replaceAll("$2");
		plain = CODE_SPAN.matcher(plain).replaceAll("$1");
		return Whitespace.collapse(plain);
	}

	private static final class Reader {

		private final List<String> lines;

		private final List<Block> blocks = new ArrayList<>();

		private final StringBuilder paragraph = new StringBuilder();

		private final StringBuilder item = new StringBuilder();

		private int index;

		Reader(List<String> lines) {
			this.lines = lines;
		}

		List<Block> read() {
			while (index < lines.size()) {
				readLine(lines.get(index));
			}
			flush();
			return List.copyOf(blocks);
		}

		private void readLine(String line) {
			if (line.isBlank()) {
				flushParagraph();
				index++;
				return;
			}
			var fence = FENCE.matcher(line);
			if (fence.find()) {
				flush();
				readFence(fence.group(1));
				return;
			}
			var atx = ATX.matcher(line);
			if (atx.matches()) {
				flush();
				var text = inline(atx.group(2) == null ? "" : atx.group(2));
				if (!text.isEmpty()) {
					blocks.add(Block.heading(atx.group(1).length(), text));
				}
				index++;
				return;
			}
			// A paragraph line underlined with === or --- is a heading.
			if (!paragraph.isEmpty() && item.isEmpty() && SETEXT.matcher(line).matches()) {
				var text = inline(paragraph.toString());
				paragraph.setLength(0);
				blocks.add(Block.heading(line.strip().charAt(0) == '=' ? 1 : 2, text));
				index++;
				return;
			}
			if (THEMATIC_BREAK.matcher(line).matches()) {
				flush();
				index++;
				return;
			}
			if (isTableStart()) {
				flush();
				readTable();
				return;
			}
			var listItem = LIST_ITEM.matcher(line);
			if (listItem.matches()) {
				flush();
				item.append(indent(listItem.group(1))).append(listItem.group(2)).append(' ').append(listItem.group(3));
				index++;
				return;
			}
			if (paragraph.isEmpty() && item.isEmpty() && (line.startsWith("    ") || line.startsWith("\t"))) {
				readIndentedCode();
				return;
			}
			var text = line.strip();
			if (text.startsWith(">")) {
				text = text.replaceFirst("^(>\\s?)+", "");
			}
			// A line that continues a list item (indented or lazy) belongs to it.
			(item.isEmpty() ? paragraph : item).append(' ').append(text);
			index++;
		}

		private void readFence(String marker) {
			var code = new StringBuilder();
			index++;
			while (index < lines.size() && !lines.get(index).strip().startsWith(marker)) {
				code.append(lines.get(index)).append('\n');
				index++;
			}
			index++; // the closing fence (or the end of the file)
			var text = Whitespace.trimLines(code);
			if (!text.isEmpty()) {
				blocks.add(Block.code(text));
			}
		}

		private void readIndentedCode() {
			var code = new StringBuilder();
			while (index < lines.size()
					&& (lines.get(index).startsWith("    ") || lines.get(index).startsWith("\t") || lines.get(index).isBlank())) {
				code.append(lines.get(index).replaceFirst("^( {4}|\\t)", "")).append('\n');
				index++;
			}
			var text = Whitespace.trimLines(code);
			if (!text.isEmpty()) {
				blocks.add(Block.code(text));
			}
		}

		private boolean isTableStart() {
			return lines.get(index).contains("|") && index + 1 < lines.size()
					&& TABLE_SEPARATOR.matcher(lines.get(index + 1)).matches() && lines.get(index + 1).contains("-");
		}

		private void readTable() {
			var header = row(lines.get(index));
			blocks.add(Block.tableRow(header, null));
			index += 2;
			while (index < lines.size() && !lines.get(index).isBlank() && lines.get(index).contains("|")) {
				var row = row(lines.get(index));
				if (!row.isBlank()) {
					blocks.add(Block.tableRow(row, header));
				}
				index++;
			}
		}

		private static String row(String line) {
			var cells = line.strip();
			if (cells.startsWith("|")) {
				cells = cells.substring(1);
			}
			if (cells.endsWith("|") && !cells.endsWith("\\|")) {
				cells = cells.substring(0, cells.length() - 1);
			}
			return Arrays.stream(cells.split("(?<!\\\\)\\|", -1))
				.map(cell -> inline(cell.replace("\\|", "|")))
				.collect(Collectors.joining(" | "));
		}

		private static String indent(String whitespace) {
			return "  ".repeat(Math.min(whitespace.replace("\t", "    ").length() / 2, 3));
		}

		private void flush() {
			flushParagraph();
			flushItem();
		}

		private void flushParagraph() {
			add(paragraph, null);
			flushItem();
		}

		private void flushItem() {
			add(item, Block.Kind.LIST_ITEM);
		}

		private void add(StringBuilder buffer, Block.@Nullable Kind kind) {
			if (buffer.isEmpty()) {
				return;
			}
			var text = kind == Block.Kind.LIST_ITEM ? listText(buffer.toString()) : inline(buffer.toString());
			buffer.setLength(0);
			if (!text.isEmpty()) {
				blocks.add(kind == Block.Kind.LIST_ITEM ? Block.listItem(text) : Block.paragraph(text));
			}
		}

		/** Keeps a nested item's indentation, so the list's shape survives. */
		private static String listText(String raw) {
			var indent = raw.length() - raw.stripLeading().length();
			return " ".repeat(indent) + inline(raw);
		}
	}
}
