package com.groundwork.knowledge.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;

/**
 * Cuts a document into passages along its structure. Each section (the blocks under one heading) is packed into
 * chunks of about {@code target} tokens, never more than {@code max}; a chunk never ends inside a list item or a table
 * row (a single block longer than {@code max} is split at sentence boundaries, and a sentence longer than that at
 * words, as a last resort). A chunk that continues a section starts with the last whole sentences or items of the
 * previous one (about {@code overlap} tokens), and one that starts inside a table repeats the table's header row.
 * Tokens are counted with the embedding model's own tokenizer.
 */
final class HeadingChunker {

	static final String PATH_SEPARATOR = " › ";

	static final int HEADING_LENGTH = 200;

	private final ToIntFunction<String> tokenizer;

	private final int target;

	private final int max;

	private final int overlap;

	HeadingChunker(ToIntFunction<String> tokenizer, KnowledgeSettings.Chunk budget) {
		this.tokenizer = tokenizer;
		this.target = budget.targetTokens();
		this.max = budget.maxTokens();
		this.overlap = budget.overlapTokens();
	}

	List<ChunkDraft> chunk(String title, List<Block> blocks) {
		var chunks = new ArrayList<ChunkDraft>();
		Deque<Block> headings = new ArrayDeque<>();
		var section = new ArrayList<Unit>();
		for (var block : blocks) {
			if (block.kind() == Block.Kind.HEADING) {
				emit(pack(section), headingPath(title, headings), chunks);
				section.clear();
				while (!headings.isEmpty() && headings.peek().level() >= block.level()) {
					headings.pop();
				}
				headings.push(block);
			}
			else if (!block.text().isBlank()) {
				section.addAll(fit(new Unit(block.kind(), block.text(), count(block.text()), block.tableHeader(), false)));
			}
		}
		emit(pack(section), headingPath(title, headings), chunks);
		return chunks;
	}

	/**
	 * The title, then each open heading from the top; a heading that repeats the title is not repeated. Headings are
	 * cut at {@link #HEADING_LENGTH} characters: with at most six levels the path stays within its column.
	 */
	private static String headingPath(String title, Deque<Block> headings) {
		var path = new ArrayList<String>();
		path.add(title);
		var outermostFirst = headings.descendingIterator();
		while (outermostFirst.hasNext()) {
			var text = outermostFirst.next().text();
			var heading = text.length() <= HEADING_LENGTH ? text : text.substring(0, HEADING_LENGTH - 1) + "…";
			if (!normalized(heading).equals(normalized(path.getLast()))) {
				path.add(heading);
			}
		}
		return String.join(PATH_SEPARATOR, path);
	}

	private static String normalized(String text) {
		return Whitespace.collapse(text).toLowerCase(Locale.ROOT);
	}

	/** Packs one section's units into chunks, each a list of units (overlap and repeated headers included). */
	private List<List<Unit>> pack(List<Unit> units) {
		var chunks = new ArrayList<List<Unit>>();
		var current = new ArrayList<Unit>();
		int tokens = 0;
		boolean fresh = false;
		for (var unit : units) {
			int header = headerCost(current, unit);
			boolean overTarget = tokens + header + unit.tokens() > target;
			// A small chunk may stretch up to max rather than end up as a fragment.
			boolean stretch = tokens < target / 2 && tokens + header + unit.tokens() <= max;
			if (fresh && overTarget && !stretch) {
				chunks.add(current);
				current = new ArrayList<>(overlapOf(current, unit));
				tokens = sum(current);
				header = headerCost(current, unit);
			}
			if (header > 0) {
				// The header goes above any rows carried over, as in the table itself.
				int firstRow = current.isEmpty() || current.getLast().kind() != Block.Kind.TABLE_ROW ? current.size()
						: firstOfTrailingRows(current);
				current.add(firstRow, new Unit(Block.Kind.TABLE_ROW, unit.tableHeader(), header, null, true));
				tokens += header;
			}
			current.add(unit);
			tokens += unit.tokens();
			fresh = true;
		}
		if (fresh) {
			chunks.add(current);
		}
		mergeShortTail(chunks);
		return chunks;
	}

	private static int firstOfTrailingRows(List<Unit> units) {
		int first = units.size();
		while (first > 0 && units.get(first - 1).kind() == Block.Kind.TABLE_ROW) {
			first--;
		}
		return first;
	}

	/** A last chunk with little new text joins the one before when both fit in one. */
	private void mergeShortTail(List<List<Unit>> chunks) {
		if (chunks.size() < 2) {
			return;
		}
		var last = chunks.getLast();
		var freshUnits = last.stream().filter(unit -> !unit.repeated()).toList();
		var previous = chunks.get(chunks.size() - 2);
		if (sum(freshUnits) < target / 4 && sum(previous) + sum(freshUnits) <= max) {
			previous.addAll(freshUnits);
			chunks.removeLast();
		}
	}

	/**
	 * The tail of a chunk to repeat at the start of the next: whole trailing items, or trailing sentences of a
	 * paragraph, up to the overlap budget, never the whole chunk, and only if the next unit still fits under max.
	 */
	private List<Unit> overlapOf(List<Unit> chunk, Unit next) {
		int budget = Math.min(overlap, max - next.tokens() - headerCost(List.of(), next));
		var taken = new ArrayDeque<Unit>();
		int used = 0;
		for (int i = chunk.size() - 1; i >= 0 && used < budget; i--) {
			var unit = chunk.get(i);
			if (unit.repeated() && unit.kind() == Block.Kind.TABLE_ROW && unit.tableHeader() == null) {
				break; // a repeated table header: the next chunk repeats it itself if it needs it
			}
			boolean first = i == 0;
			if (unit.kind() == Block.Kind.PARAGRAPH) {
				var sentences = Sentences.split(unit.text());
				var tail = new ArrayDeque<String>();
				int tailTokens = 0;
				for (int s = sentences.size() - 1; s >= (first ? 1 : 0); s--) {
					int cost = count(sentences.get(s));
					if (used + tailTokens + cost > budget) {
						break;
					}
					tail.addFirst(sentences.get(s));
					tailTokens += cost;
				}
				if (!tail.isEmpty()) {
					taken.addFirst(new Unit(Block.Kind.PARAGRAPH, String.join(" ", tail), tailTokens, null, true));
					used += tailTokens;
				}
				if (tail.size() < sentences.size()) {
					break;
				}
			}
			else if (!first && used + unit.tokens() <= budget) {
				taken.addFirst(new Unit(unit.kind(), unit.text(), unit.tokens(), unit.tableHeader(), true));
				used += unit.tokens();
			}
			else {
				break;
			}
		}
		return List.copyOf(taken);
	}

	/** The tokens of the header row to repeat before {@code unit}, if it is a table row whose header is missing. */
	private int headerCost(List<Unit> chunk, Unit unit) {
		var header = unit.tableHeader();
		if (unit.kind() != Block.Kind.TABLE_ROW || header == null
				|| chunk.stream().anyMatch(other -> other.text().equals(header))) {
			return 0;
		}
		int cost = count(header);
		return cost + unit.tokens() <= max ? cost : 0;
	}

	/** A unit within max, or its pieces: whole sentences packed to target, a sentence past max cut at words. */
	private List<Unit> fit(Unit unit) {
		if (unit.tokens() <= max) {
			return List.of(unit);
		}
		var pieces = new ArrayList<Unit>();
		var piece = new StringBuilder();
		int pieceTokens = 0;
		for (var sentence : Sentences.split(unit.text())) {
			for (var part : sentenceParts(sentence)) {
				int cost = count(part);
				if (pieceTokens > 0 && pieceTokens + cost > target) {
					pieces.add(unit.piece(piece.toString(), pieceTokens));
					piece.setLength(0);
					pieceTokens = 0;
				}
				piece.append(piece.isEmpty() ? "" : " ").append(part);
				pieceTokens += cost;
			}
		}
		if (pieceTokens > 0) {
			pieces.add(unit.piece(piece.toString(), pieceTokens));
		}
		return pieces;
	}

	/** A sentence, or if it alone exceeds max, runs of its words (a word longer than max, runs of its characters). */
	private List<String> sentenceParts(String sentence) {
		if (count(sentence) <= max) {
			return List.of(sentence);
		}
		var parts = new ArrayList<String>();
		var part = new StringBuilder();
		int partTokens = 0;
		for (var word : sentence.split("\\s+")) {
			// A token covers at least one character, so max characters never exceed max tokens.
			for (int from = 0; from < word.length(); from += max) {
				var slice = word.substring(from, Math.min(word.length(), from + max));
				int cost = count(slice);
				if (partTokens > 0 && partTokens + cost > target) {
					parts.add(part.toString());
					part.setLength(0);
					partTokens = 0;
				}
				part.append(part.isEmpty() ? "" : " ").append(slice);
				partTokens += cost;
			}
		}
		if (partTokens > 0) {
			parts.add(part.toString());
		}
		return parts;
	}

	private void emit(List<List<Unit>> packed, String headingPath, List<ChunkDraft> chunks) {
		for (var units : packed) {
			var text = new StringBuilder();
			@Nullable Unit previous = null;
			for (var unit : units) {
				if (previous != null) {
					boolean sameList = previous.kind() == unit.kind()
							&& (unit.kind() == Block.Kind.LIST_ITEM || unit.kind() == Block.Kind.TABLE_ROW);
					text.append(sameList ? "\n" : "\n\n");
				}
				text.append(unit.text());
				previous = unit;
			}
			var chunkText = text.toString();
			chunks.add(new ChunkDraft(chunks.size(), headingPath, chunkText, count(chunkText)));
		}
	}

	private int count(String text) {
		return tokenizer.applyAsInt(text);
	}

	private static int sum(List<Unit> units) {
		return units.stream().mapToInt(Unit::tokens).sum();
	}

	/**
	 * A block (or a piece of an oversize one) with its token count.
	 *
	 * @param repeated whether it repeats earlier text (overlap or a table header) rather than adding new text
	 */
	private record Unit(Block.Kind kind, String text, int tokens, @Nullable String tableHeader, boolean repeated) {

		Unit piece(String text, int tokens) {
			return new Unit(kind, text, tokens, tableHeader, false);
		}
	}
}
