package com.groundwork.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The heading-aware chunker, with a word-counting tokenizer so that budgets are easy to reason about. */
class KnowledgeChunkerTests {

	/** One token per whitespace-separated word: additive over joins, like the model's WordPiece tokenizer. */
	static final ToIntFunction<String> WORDS = text -> text.isBlank() ? 0 : text.strip().split("\\s+").length;

	private final HeadingChunker chunker = new HeadingChunker(WORDS, new KnowledgeSettings.Chunk(100, 150, 20));

	@Test
	void anEmptyDocumentHasNoChunks() {
		assertThat(chunker.chunk("Empty", List.of())).isEmpty();
		assertThat(chunker.chunk("Headings only", List.of(Block.heading(1, "A"), Block.heading(2, "B")))).isEmpty();
		assertThat(chunker.chunk("Blank", List.of(Block.paragraph("   ")))).isEmpty();
	}

	@Test
	void aTinyDocumentIsOneChunkUnderItsTitle() {
		var chunks = chunker.chunk("Pricing", List.of(Block.paragraph("Starter costs EUR 29 per vehicle.")));

		assertThat(chunks).singleElement().satisfies(chunk -> {
			assertThat(chunk.ordinal()).isZero();
			assertThat(chunk.headingPath()).isEqualTo("Pricing");
			assertThat(chunk.text()).isEqualTo("Starter costs EUR 29 per vehicle.");
			assertThat(chunk.tokens()).isEqualTo(6);
		});
	}

	@Test
	void eachSectionIsChunkedUnderItsHeadingPath() {
		var chunks = chunker.chunk("Route Planner", List.of(
				Block.heading(1, "Route Planner"), // repeats the title: not repeated in the path
				Block.paragraph("Intro text."),
				Block.heading(2, "Fuel savings"),
				Block.paragraph("Twelve percent."),
				Block.heading(3, "How"),
				Block.paragraph("Shorter routes."),
				Block.heading(2, "Integrations"), // closes "Fuel savings › How"
				Block.paragraph("SAP and Salesforce."),
				Block.heading(3, "Empty section"),
				Block.heading(3, "Setup"),
				Block.paragraph("Two weeks.")));

		assertThat(chunks).extracting(ChunkDraft::headingPath).containsExactly("Route Planner",
				"Route Planner › Fuel savings", "Route Planner › Fuel savings › How", "Route Planner › Integrations",
				"Route Planner › Integrations › Setup");
		assertThat(chunks).extracting(ChunkDraft::text).containsExactly("Intro text.", "Twelve percent.",
				"Shorter routes.", "SAP and Salesforce.", "Two weeks.");
		assertThat(chunks).extracting(ChunkDraft::ordinal).containsExactly(0, 1, 2, 3, 4);
	}

	@Test
	void longHeadingsAreShortenedInThePath() {
		var longHeading = "Very long heading ".repeat(30);
		var blocks = new ArrayList<Block>();
		for (int level = 1; level <= 6; level++) {
			blocks.add(Block.heading(level, level + " " + longHeading));
		}
		blocks.add(Block.paragraph("Deep text."));

		var chunk = chunker.chunk("T".repeat(500), blocks).getFirst();

		assertThat(chunk.headingPath().split(" › ")).hasSize(7)
			.allSatisfy(part -> assertThat(part.length()).isLessThanOrEqualTo(500));
		assertThat(chunk.headingPath().length()).isLessThanOrEqualTo(2000);
	}

	@Test
	void aLowerLevelHeadingWithoutParentsStillNests() {
		var chunks = chunker.chunk("Doc", List.of(Block.heading(3, "Deep"), Block.paragraph("Text."),
				Block.heading(1, "Top"), Block.paragraph("More.")));

		assertThat(chunks).extracting(ChunkDraft::headingPath).containsExactly("Doc › Deep", "Doc › Top");
	}

	@Test
	void chunksArePackedToTheTargetAndNeverExceedTheMaximum() {
		var blocks = IntStream.range(0, 30).mapToObj(i -> Block.paragraph(sentences(i, 3, 10))).toList();

		var chunks = chunker.chunk("Long", blocks);

		assertThat(chunks).hasSizeGreaterThan(5);
		assertThat(chunks).allSatisfy(chunk -> {
			assertThat(chunk.tokens()).isLessThanOrEqualTo(150);
			assertThat(chunk.tokens()).isEqualTo(WORDS.applyAsInt(chunk.text()));
		});
		// all but the last are filled to about the target
		assertThat(chunks.subList(0, chunks.size() - 1)).allSatisfy(chunk -> assertThat(chunk.tokens()).isBetween(70, 130));
		// no paragraph is lost or cut
		blocks.forEach(block -> assertThat(chunks).anySatisfy(chunk -> assertThat(chunk.text()).contains(block.text())));
	}

	@Test
	void aChunkStartsWithTheLastWholeSentencesOfThePreviousOne() {
		var blocks = IntStream.range(0, 6).mapToObj(i -> Block.paragraph(sentences(i, 3, 10))).toList();

		var chunks = chunker.chunk("Overlap", blocks);

		assertThat(chunks).hasSizeGreaterThanOrEqualTo(2);
		for (int i = 1; i < chunks.size(); i++) {
			var previousSentences = Sentences.split(chunks.get(i - 1).text());
			// the overlap is whole sentences within the budget of 20 words: here the last two sentences of 10 words
			var overlap = previousSentences.subList(previousSentences.size() - 2, previousSentences.size());
			assertThat(chunks.get(i).text()).startsWith(String.join(" ", overlap));
			assertThat(chunks.get(i).text()).doesNotStartWith(previousSentences.get(previousSentences.size() - 3));
		}
	}

	@Test
	void noOverlapAcrossSections() {
		var chunks = chunker.chunk("Doc", List.of(Block.heading(2, "A"), Block.paragraph(sentences(0, 2, 10)),
				Block.heading(2, "B"), Block.paragraph(sentences(1, 2, 10))));

		assertThat(chunks).hasSize(2);
		assertThat(chunks.get(1).text()).isEqualTo(sentences(1, 2, 10));
	}

	@Test
	void listItemsAreNeverCutAndOverlapByWholeItems() {
		var items = IntStream.range(0, 40).mapToObj(i -> Block.listItem("- item " + i + " " + words(8))).toList();

		var chunks = chunker.chunk("List", items);

		assertThat(chunks).hasSizeGreaterThan(2);
		for (var item : items) {
			assertThat(chunks).anySatisfy(chunk -> assertThat(chunk.text().lines()).contains(item.text()));
		}
		assertThat(chunks).allSatisfy(chunk -> {
			assertThat(chunk.tokens()).isLessThanOrEqualTo(150);
			assertThat(chunk.text().lines()).allSatisfy(line -> assertThat(line).matches("- item \\d+ (w\\d+ ?)+"));
		});
		for (int i = 1; i < chunks.size(); i++) {
			var lastItem = chunks.get(i - 1).text().lines().toList().getLast();
			assertThat(chunks.get(i).text().lines().toList()).contains(lastItem);
		}
	}

	@Test
	void tableRowsStayWholeAndEveryChunkOfATableRepeatsItsHeader() {
		var header = "Plan | Vehicles | Price";
		var blocks = new ArrayList<Block>();
		blocks.add(Block.tableRow(header, null));
		IntStream.range(0, 40).forEach(i -> blocks.add(Block.tableRow("Plan" + i + " | up to " + i + " | EUR " + i + " " + words(6), header)));

		var chunks = chunker.chunk("Prices", blocks);

		assertThat(chunks).hasSizeGreaterThan(2);
		assertThat(chunks).allSatisfy(chunk -> {
			assertThat(chunk.text().lines().findFirst()).contains(header);
			assertThat(chunk.text().lines().filter(header::equals)).hasSize(1);
			assertThat(chunk.tokens()).isLessThanOrEqualTo(150);
		});
		blocks.forEach(row -> assertThat(chunks).anySatisfy(chunk -> assertThat(chunk.text().lines()).contains(row.text())));
	}

	@Test
	void anOversizeParagraphIsSplitAtSentenceBoundaries() {
		var giant = sentences(0, 40, 12); // 480 words in one block, over max
		var chunks = chunker.chunk("Giant", List.of(Block.paragraph(giant)));

		assertThat(chunks).hasSizeGreaterThan(3);
		assertThat(chunks).allSatisfy(chunk -> {
			assertThat(chunk.tokens()).isLessThanOrEqualTo(150);
			assertThat(Sentences.split(chunk.text())).allSatisfy(sentence -> assertThat(giant).contains(sentence));
		});
		Sentences.split(giant).forEach(sentence -> assertThat(chunks).anySatisfy(chunk -> assertThat(chunk.text()).contains(sentence)));
	}

	@Test
	void aSentenceLongerThanTheMaximumIsCutBetweenWordsAsALastResort() {
		var endless = words(400); // no sentence boundary at all
		var chunks = chunker.chunk("Endless", List.of(Block.listItem(endless)));

		assertThat(chunks).hasSizeGreaterThanOrEqualTo(3);
		assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.tokens()).isLessThanOrEqualTo(150));
		assertThat(String.join(" ", chunks.stream().map(ChunkDraft::text).toList())).contains("w0 w1 w2").contains("w399");
	}

	@Test
	void aShortTailJoinsThePreviousChunk() {
		// 95 words, then 10: past the target of 100, but a chunk of 10 new words would be a fragment
		var blocks = List.of(Block.paragraph(sentences(0, 9, 10) + " Five more words here then."),
				Block.paragraph("A tail of ten words that would stand alone here."));

		var chunks = chunker.chunk("Tail", blocks);

		assertThat(chunks).singleElement().satisfies(chunk -> {
			assertThat(chunk.text()).endsWith("A tail of ten words that would stand alone here.");
			assertThat(chunk.tokens()).isEqualTo(105);
		});
	}

	@Test
	void paragraphsAreSeparatedByBlankLinesAndItemsByLineBreaks() {
		var chunks = chunker.chunk("Doc", List.of(Block.paragraph("Intro."), Block.listItem("- one"),
				Block.listItem("- two"), Block.paragraph("Outro.")));

		assertThat(chunks).singleElement().extracting(ChunkDraft::text).isEqualTo("Intro.\n\n- one\n- two\n\nOutro.");
	}

	/** {@code count} sentences of {@code length} words, unique per {@code seed}. */
	static String sentences(int seed, int count, int length) {
		var text = new StringBuilder();
		for (int s = 0; s < count; s++) {
			text.append(s == 0 ? "" : " ").append("S").append(seed).append('x').append(s);
			for (int w = 1; w < length - 1; w++) {
				text.append(" w").append(w);
			}
			text.append(" end.");
		}
		return text.toString();
	}

	static String words(int count) {
		return String.join(" ", IntStream.range(0, count).mapToObj(i -> "w" + i).toList());
	}
}
