package com.groundwork.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.groundwork.knowledge.DocumentRejectedException;
import com.groundwork.knowledge.DocumentRejectedException.Reason;
import com.groundwork.knowledge.SourceDocument;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** Tika parsing of every accepted format, its metadata, and the limits that turn bad files into clear rejections. */
class KnowledgeParserTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final TikaDocumentParser parser = new TikaDocumentParser(KnowledgeTestSettings.defaults(), meters);

	@AfterEach
	void stop() {
		parser.destroy();
	}

	@Test
	void markdownWithFrontMatter() {
		var parsed = parse("product/route-planner.md");

		assertThat(parsed.mediaType()).isEqualTo("text/markdown");
		assertThat(parsed.metadata()).isEqualTo(new DocumentMetadata("Route Planner overview", "product-doc",
				"route-planner", "logistics", "emea", "en", LocalDate.of(2025, 3, 14), "public"));
		assertThat(parsed.blocks()).noneMatch(block -> block.text().contains("title:") || block.text().contains("---"));
		assertThat(parsed.blocks()).filteredOn(block -> block.kind() == Block.Kind.HEADING)
			.extracting(Block::level, Block::text)
			.containsExactly(tuple(1, "Route Planner overview"), tuple(2, "Fuel savings"), tuple(2, "Integrations"),
					tuple(3, "Setup time"));
		assertThat(parsed.blocks()).filteredOn(block -> block.kind() == Block.Kind.LIST_ITEM)
			.extracting(Block::text)
			.containsExactly(
					"- Shorter routes: the solver considers time windows, vehicle capacity and driver hours together.",
					"- Fewer empty kilometres: return trips pick up pallets where the network allows it.",
					"- Less idling: drivers get their next stop before they finish the current one.");
		assertThat(parsed.blocks()).filteredOn(block -> block.kind() == Block.Kind.TABLE_ROW)
			.extracting(Block::text, Block::tableHeader)
			.containsExactly(tuple("System | How | Since", null),
					tuple("SAP TM | certified connector | 2021", "System | How | Since"),
					tuple("Salesforce | managed package | 2022", "System | How | Since"),
					tuple("Webhooks | JSON over HTTPS | 2020", "System | How | Since"));
		assertThat(parsed.blocks()).contains(Block.paragraph("Route Planner plans delivery routes for fleets of 10 to "
				+ "2,000 vehicles. It re-plans every route when an order, a driver or the traffic changes, and it "
				+ "explains every change to the dispatcher."));
	}

	@Test
	void htmlWithMetaTags() {
		var parsed = parse("faq/route-planner-faq.html");

		assertThat(parsed.mediaType()).isEqualTo("text/html");
		assertThat(parsed.metadata()).isEqualTo(new DocumentMetadata("Route Planner FAQ", "faq", "route-planner",
				"logistics", "global", "en", LocalDate.of(2025, 2, 1), "public"));
		assertThat(parsed.blocks()).filteredOn(block -> block.kind() == Block.Kind.HEADING)
			.extracting(Block::text)
			.containsExactly("Frequently asked questions", "Does Route Planner work offline?",
					"Which vehicles are supported?", "What does it cost?");
		assertThat(parsed.blocks()).filteredOn(block -> block.kind() == Block.Kind.LIST_ITEM)
			.extracting(Block::text)
			.containsExactly("- Vans and light trucks up to 7.5 t", "- Heavy trucks with trailer constraints",
					"- Electric vehicles, with charging stops planned automatically");
		assertThat(parsed.blocks()).filteredOn(block -> block.kind() == Block.Kind.TABLE_ROW)
			.extracting(Block::text)
			.containsExactly("Plan | Vehicles | Price per vehicle and month", "Starter | up to 50 | EUR 29",
					"Fleet | up to 500 | EUR 24");
		assertThat(parsed.blocks()).noneMatch(block -> block.text().contains("console.log") || block.text().contains("font-family"));
	}

	@Test
	void htmlNestedListsNumberedItemsAndCode() {
		var parsed = parser.parse(document("guides/nested.html", """
				<html><head><title>Nested</title></head><body>
				<ol><li>First step</li><li>Second step
				  <ul><li>detail <em>one</em></li><li>detail two</li></ul>
				  then continue</li></ol>
				<pre>curl -F file=@a.md
				  https://example.test</pre>
				<div>Loose text in a div.</div>
				<table><thead><tr><th>Key</th><th></th></tr></thead><tr><td>a</td><td>1</td></tr></table>
				</body></html>"""));

		assertThat(parsed.blocks()).containsExactly(Block.listItem("1. First step"), Block.listItem("2. Second step"),
				Block.listItem("- detail one"), Block.listItem("- detail two"), Block.listItem("2. then continue"),
				Block.code("curl -F file=@a.md\n  https://example.test"), Block.paragraph("Loose text in a div."),
				Block.tableRow("Key | ", null), Block.tableRow("a | 1", "Key | "));
	}

	@Test
	void pdfWithCustomDocumentInfo() {
		var pdf = KnowledgeFixtures.pdf("Fleet pricing 2025", Map.of("type", "pricing", "region", "DACH"),
				"Starter costs EUR 29 per vehicle and month.", "Fleet costs EUR 24 per vehicle and month.");

		var parsed = parser.parse(new SourceDocument("pricing/fleet.pdf", pdf));

		assertThat(parsed.mediaType()).isEqualTo("application/pdf");
		assertThat(parsed.metadata().title()).isEqualTo("Fleet pricing 2025");
		assertThat(parsed.metadata().type()).isEqualTo("pricing");
		assertThat(parsed.metadata().region()).isEqualTo("dach");
		assertThat(parsed.blocks()).extracting(Block::text)
			.containsExactly("Starter costs EUR 29 per vehicle and month.", "Fleet costs EUR 24 per vehicle and month.");
	}

	@Test
	void docxWithHeadingsTablesAndCustomProperties() {
		var docx = KnowledgeFixtures.docx("Acme Logistics case study", Map.of("type", "case-study", "industry", "Retail"),
				"# Acme Logistics", "Acme cut fuel costs by 14% in six months.", "## Results",
				"| Metric | Before | After", "| Fuel per route | 41 l | 35 l", "Drivers liked the app.");

		var parsed = parser.parse(new SourceDocument("cases/acme.docx", docx));

		assertThat(parsed.mediaType()).isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
		assertThat(parsed.metadata().title()).isEqualTo("Acme Logistics case study");
		assertThat(parsed.metadata().type()).isEqualTo("case-study");
		assertThat(parsed.metadata().industry()).isEqualTo("retail");
		assertThat(parsed.blocks()).containsExactly(Block.heading(1, "Acme Logistics"),
				Block.paragraph("Acme cut fuel costs by 14% in six months."), Block.heading(2, "Results"),
				Block.tableRow("Metric | Before | After", null),
				Block.tableRow("Fuel per route | 41 l | 35 l", "Metric | Before | After"),
				Block.paragraph("Drivers liked the app."));
	}

	@Test
	void plainTextIsParagraphsTitledByTheFileName() {
		var parsed = parse("notes.txt");

		assertThat(parsed.mediaType()).isEqualTo("text/plain");
		assertThat(parsed.metadata().title()).isEqualTo("notes");
		assertThat(parsed.metadata().type()).isEmpty();
		assertThat(parsed.blocks()).containsExactly(Block.paragraph("Plain text notes about Route Planner."),
				Block.paragraph("Dispatchers can lock a route so that re-planning leaves it alone."));
	}

	@Test
	void aMissingTitleFallsBackToTheFirstHeadingThenTheFileName() {
		var markdown = parser.parse(document("guides/setup.md", "Intro line.\n\n## Installing\n\nRun it.\n"));
		var html = parser.parse(document("guides/page.html", "<html><body><p>x</p><h2>Heading two</h2><p>y</p></body></html>"));
		var bare = parser.parse(document("guides/bare-notes.md", "Just a paragraph.\n"));

		assertThat(markdown.metadata().title()).isEqualTo("Installing");
		assertThat(html.metadata().title()).isEqualTo("Heading two");
		assertThat(bare.metadata().title()).isEqualTo("bare-notes");
	}

	@Test
	void utf8MarkdownKeepsItsCharacters() {
		var parsed = parser.parse(document("de/über.md", "---\ntitle: Über uns\nlanguage: de\n---\n\nWir liefern schnell — überall. Café.\n"));

		assertThat(parsed.metadata().title()).isEqualTo("Über uns");
		assertThat(parsed.blocks()).containsExactly(Block.paragraph("Wir liefern schnell — überall. Café."));
	}

	@Test
	void aLongMostlyAsciiMarkdownWithAFewAccentsIsReadAsUtf8NotAsAGuessedCharset() throws Exception {
		// the sample corpus's Corriente case study: statistics guessed GB18030 and its title read "Distribuci贸n"
		var content = java.nio.file.Files.readAllBytes(java.nio.file.Path.of("knowledge/case-studies/corriente-distribucion.md"));
		var parsed = parser.parse(new SourceDocument("case-studies/corriente-distribucion.md", content));
		assertThat(parsed.metadata().title()).startsWith("Corriente Distribución raises");
		assertThat(parser.utf8Text(content)).startsWith("---").endsWith("\n");
		assertThat(parser.utf8Text(new byte[] { 'D', (byte) 0xE9, 'j', 'a' })).as("Latin-1 é").isNull();
		assertThat(parser.utf8Text("\uFEFF# Title".getBytes(java.nio.charset.StandardCharsets.UTF_8))).as("BOM")
			.isEqualTo("# Title\n");
		var latin1 = parser.parse(new SourceDocument("fr/cafe.txt", "Caf\u00e9 cr\u00e8me, d\u00e9j\u00e0 vu.".getBytes(
				java.nio.charset.StandardCharsets.ISO_8859_1)));
		assertThat(latin1.blocks().toString()).as("not UTF-8: Tika still detects the charset").contains("Café");
	}

	@Test
	void anUnknownTypeIsRejectedNamingTheFieldAndTheAllowedValues() {
		assertThatThrownBy(() -> parse("broken/bad-type.md")).isInstanceOfSatisfying(DocumentRejectedException.class, ex -> {
			assertThat(ex.reason()).isEqualTo(Reason.INVALID_METADATA);
			assertThat(ex.source()).isEqualTo("broken/bad-type.md");
			assertThat(ex.getMessage()).contains("broken/bad-type.md", "'type'", "'blog'",
					"product-doc, case-study, faq, pricing, integration");
		});
	}

	@Test
	void anInvalidDateOrAListWhereOneValueBelongsIsRejected() {
		assertThatThrownBy(() -> parser.parse(document("a.md", "---\nupdated: last week\n---\ntext\n")))
			.isInstanceOfSatisfying(DocumentRejectedException.class,
					ex -> assertThat(ex.getMessage()).contains("a.md", "'updated'", "YYYY-MM-DD"));
		assertThatThrownBy(() -> parser.parse(document("b.md", "---\nproduct: [a, b]\n---\ntext\n")))
			.isInstanceOfSatisfying(DocumentRejectedException.class,
					ex -> assertThat(ex.getMessage()).contains("b.md", "'product'", "single value"));
	}

	@Test
	void brokenFrontMatterIsUnparsable() {
		assertThatThrownBy(() -> parser.parse(document("c.md", "---\ntitle: [unclosed\n---\ntext\n")))
			.isInstanceOfSatisfying(DocumentRejectedException.class, ex -> {
				assertThat(ex.reason()).isEqualTo(Reason.UNPARSABLE);
				assertThat(ex.getMessage()).contains("c.md", "front matter", "line");
			});
	}

	@Test
	void aCorruptPdfIsUnparsableNamingTheFile() {
		assertThatThrownBy(() -> parse("broken/not-really.pdf")).isInstanceOfSatisfying(DocumentRejectedException.class,
				ex -> {
					assertThat(ex.reason()).isEqualTo(Reason.UNPARSABLE);
					assertThat(ex.getMessage()).startsWith("broken/not-really.pdf: ").contains("damaged");
				});
	}

	@Test
	void typesOutsideTheAllowlistAreRefusedByContentNotByName() throws IOException {
		var png = new ByteArrayOutputStream();
		ImageIO.write(new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB), "png", png);

		assertThatThrownBy(() -> parser.parse(new SourceDocument("logo.png", png.toByteArray())))
			.isInstanceOfSatisfying(DocumentRejectedException.class, ex -> {
				assertThat(ex.reason()).isEqualTo(Reason.UNSUPPORTED_TYPE);
				assertThat(ex.getMessage()).contains("logo.png", "image/png");
			});
		// an image renamed to .md is still an image
		assertThatThrownBy(() -> parser.parse(new SourceDocument("disguised.md", png.toByteArray())))
			.isInstanceOfSatisfying(DocumentRejectedException.class,
					ex -> assertThat(ex.reason()).isEqualTo(Reason.UNSUPPORTED_TYPE));
	}

	@Test
	void aDocumentOverTheSizeLimitIsRefusedBeforeParsing() {
		var small = new TikaDocumentParser(KnowledgeTestSettings.with(DataSize.ofKilobytes(1), Duration.ofSeconds(30),
				5_000_000), meters);
		try {
			assertThatThrownBy(() -> small.parse(document("big.txt", "x".repeat(2048))))
				.isInstanceOfSatisfying(DocumentRejectedException.class, ex -> {
					assertThat(ex.reason()).isEqualTo(Reason.TOO_LARGE);
					assertThat(ex.getMessage()).contains("big.txt", "2048 bytes", "1024 bytes", "max-document-size");
				});
		}
		finally {
			small.destroy();
		}
	}

	@Test
	void textBeyondTheExtractionLimitIsRefused() {
		var capped = new TikaDocumentParser(KnowledgeTestSettings.with(DataSize.ofMegabytes(20), Duration.ofSeconds(30),
				10_000), meters);
		try {
			assertThatThrownBy(() -> capped.parse(document("long.md", "word ".repeat(5_000))))
				.isInstanceOfSatisfying(DocumentRejectedException.class, ex -> {
					assertThat(ex.reason()).isEqualTo(Reason.TOO_LARGE);
					assertThat(ex.getMessage()).contains("long.md", "10000 characters");
				});
		}
		finally {
			capped.destroy();
		}
	}

	@Test
	void aDecompressionBombIsRefusedQuickly() {
		var bomb = KnowledgeFixtures.zipBombDocx(200); // ~200 KB that inflate to 200 MB of text
		assertThat(bomb.length).isLessThan(1_000_000);

		long started = System.nanoTime();
		assertThatThrownBy(() -> parser.parse(new SourceDocument("bomb.docx", bomb)))
			.isInstanceOfSatisfying(DocumentRejectedException.class, ex -> {
				assertThat(ex.reason()).isEqualTo(Reason.TOO_LARGE);
				assertThat(ex.getMessage()).contains("bomb.docx", "decompression bomb");
			});
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
	}

	@Test
	void aParseThatOverrunsItsTimeoutIsAbandonedAndStops() {
		var impatient = new TikaDocumentParser(KnowledgeTestSettings.with(DataSize.ofMegabytes(20), Duration.ofMillis(1),
				20_000_000), meters);
		try {
			var large = document("slow.md", "A sentence of some words. ".repeat(600_000)); // 15 MB
			long started = System.nanoTime();
			assertThatThrownBy(() -> impatient.parse(large)).isInstanceOfSatisfying(DocumentRejectedException.class, ex -> {
				assertThat(ex.reason()).isEqualTo(Reason.UNPARSABLE);
				assertThat(ex.getMessage()).contains("slow.md", "did not finish within", "parse-timeout");
			});
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
			// the cancelled parse really stops: the pool's one thread becomes free
			await().atMost(Duration.ofSeconds(10))
				.until(() -> meters.get("groundwork.knowledge.parses.active").gauge().value() == 0);
		}
		finally {
			impatient.destroy();
		}
	}

	@Test
	void anEmptyFileIsUnparsable() {
		assertThatThrownBy(() -> parser.parse(new SourceDocument("empty.md", new byte[0])))
			.isInstanceOfSatisfying(DocumentRejectedException.class, ex -> {
				assertThat(ex.reason()).isEqualTo(Reason.UNPARSABLE);
				assertThat(ex.getMessage()).contains("empty.md");
			});
	}

	@Test
	void chunksOfARealDocumentFitTheModelTokenBudget() {
		var embeddings = new OnnxEmbeddings();
		var chunker = new HeadingChunker(embeddings::countTokens, new KnowledgeSettings.Chunk(64, 96, 16));
		var parsed = parse("product/route-planner.md");

		var chunks = chunker.chunk(parsed.metadata().title(), parsed.blocks());

		assertThat(chunks).hasSizeGreaterThanOrEqualTo(4);
		assertThat(chunks).allSatisfy(chunk -> {
			assertThat(chunk.tokens()).isEqualTo(embeddings.countTokens(chunk.text())).isLessThanOrEqualTo(96);
			assertThat(chunk.headingPath()).startsWith("Route Planner overview");
		});
		assertThat(chunks).extracting(ChunkDraft::headingPath)
			.contains("Route Planner overview › Integrations", "Route Planner overview › Integrations › Setup time");
		assertThat(chunks).anySatisfy(chunk -> assertThat(chunk.text()).contains("SAP TM | certified connector | 2021"));
	}

	private ParsedDocument parse(String fixture) {
		return parser.parse(new SourceDocument(fixture, KnowledgeFixtures.read(fixture)));
	}

	private static SourceDocument document(String source, String text) {
		return new SourceDocument(source, text.getBytes(StandardCharsets.UTF_8));
	}

	private static org.assertj.core.groups.Tuple tuple(Object... values) {
		return org.assertj.core.groups.Tuple.tuple(values);
	}
}
