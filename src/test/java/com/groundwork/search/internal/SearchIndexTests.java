package com.groundwork.search.internal;

import static com.groundwork.search.internal.SearchFixtures.NO_METADATA;
import static com.groundwork.search.internal.SearchFixtures.chunk;
import static org.assertj.core.api.Assertions.assertThat;

import com.groundwork.identity.TenantId;
import com.groundwork.knowledge.KnowledgeChunk;
import com.groundwork.knowledge.PassageMetadata;
import com.groundwork.search.Passage;
import com.groundwork.search.SearchFilters;
import com.groundwork.search.SearchQuery;
import com.groundwork.search.SearchQuery.Retrieval;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Lucene index and the hybrid search on a real index on disk (hashing embeddings; no Spring). */
class SearchIndexTests {

	static final TenantId ACME = new TenantId(UUID.randomUUID());

	static final TenantId GLOBEX = new TenantId(UUID.randomUUID());

	@TempDir
	Path dir;

	SearchFixtures.Stack stack;

	@BeforeEach
	void open() {
		stack = SearchFixtures.Stack.open(SearchFixtures.settings(dir.resolve("index")));
	}

	@AfterEach
	void close() throws Exception {
		stack.close();
	}

	@Test
	void findsIndexedChunksLexicallyAndByVector() {
		var doc = UUID.randomUUID();
		stack.index()
			.replace(ACME, doc, List.of(
					chunk(ACME, doc, 0, "Pricing", "The team plan costs forty dollars per seat per month.", NO_METADATA),
					chunk(ACME, doc, 1, "Security", "Data is encrypted at rest and in transit.", NO_METADATA)));

		var passages = search(ACME, "how much does a seat cost", 10, SearchFilters.NONE);

		assertThat(passages).isNotEmpty();
		var best = passages.getFirst();
		assertThat(best.text()).contains("forty dollars");
		assertThat(best.documentId()).isEqualTo(doc);
		assertThat(best.lexical()).isPresent();
		assertThat(best.vector()).isPresent();
		assertThat(best.fusedScore()).isPositive();
	}

	@Test
	void aRepeatedSearchIsAnsweredFromRecentResultsUntilTheIndexChanges() {
		var doc = UUID.randomUUID();
		stack.index()
			.replace(ACME, doc, List.of(chunk(ACME, doc, 0, "Pricing", "The team plan costs forty dollars per seat.",
					NO_METADATA)));
		var first = search(ACME, "team plan seat price", 10, SearchFilters.NONE);
		assertThat(search(ACME, "team plan seat price", 10, SearchFilters.NONE)).as("same view, same answer")
			.isSameAs(first);
		assertThat(search(GLOBEX, "team plan seat price", 10, SearchFilters.NONE)).as("keyed by tenant").isEmpty();

		stack.index()
			.replace(ACME, doc, List.of(chunk(ACME, doc, 0, "Pricing", "The team plan costs fifty dollars per seat.",
					NO_METADATA)));

		var after = search(ACME, "team plan seat price", 10, SearchFilters.NONE);
		assertThat(after).isNotSameAs(first);
		assertThat(after.getFirst().text()).contains("fifty dollars").doesNotContain("forty");
	}

	@Test
	void replacingADocumentIsAtomicForConcurrentSearches() throws Exception {
		var doc = UUID.randomUUID();
		var versionA = List.of(chunk(ACME, doc, 0, "Guide", "alpha onboarding step one", NO_METADATA),
				chunk(ACME, doc, 1, "Guide", "alpha onboarding step two", NO_METADATA),
				chunk(ACME, doc, 2, "Guide", "alpha onboarding step three", NO_METADATA));
		var versionB = List.of(chunk(ACME, doc, 0, "Guide", "alpha onboarding revised one", NO_METADATA),
				chunk(ACME, doc, 1, "Guide", "alpha onboarding revised two", NO_METADATA));
		var idsA = ids(versionA);
		var idsB = ids(versionB);
		stack.index().replace(ACME, doc, versionA);

		var done = new AtomicBoolean();
		var torn = new AtomicReference<Set<UUID>>();
		var reader = Thread.ofPlatform().start(() -> {
			while (!done.get()) {
				var seen = search(ACME, "alpha onboarding", 20, SearchFilters.NONE).stream()
					.map(Passage::chunkId)
					.collect(Collectors.toSet());
				if (!seen.equals(idsA) && !seen.equals(idsB)) {
					torn.compareAndSet(null, seen);
				}
			}
		});
		for (int i = 0; i < 30; i++) {
			stack.index().replace(ACME, doc, i % 2 == 0 ? versionB : versionA);
		}
		done.set(true);
		reader.join();

		assertThat(torn.get()).as("a search saw a mix of two versions (or none)").isNull();
		assertThat(ids(search(ACME, "alpha onboarding", 20, SearchFilters.NONE))).isEqualTo(idsA);
	}

	@Test
	void replayingAReplacementChangesNothingAndAnEmptyOneRemovesTheDocument() throws Exception {
		var doc = UUID.randomUUID();
		var chunks = List.of(chunk(ACME, doc, 0, "Faq", "Refunds are possible within thirty days.", NO_METADATA));
		stack.index().replace(ACME, doc, chunks);
		stack.index().replace(ACME, doc, chunks);

		assertThat(search(ACME, "refunds", 10, SearchFilters.NONE)).hasSize(1);
		assertThat(stack.index().committedSize()).as("durable when replace returns").isEqualTo(1);

		stack.index().replace(ACME, doc, List.of());

		assertThat(search(ACME, "refunds", 10, SearchFilters.NONE)).isEmpty();
		assertThat(stack.index().committedSize()).isZero();
	}

	@ParameterizedTest
	@EnumSource(Retrieval.class)
	void aTenantNeverSeesAnotherTenantsChunks(Retrieval retrieval) {
		for (var tenant : List.of(ACME, GLOBEX)) {
			for (int d = 0; d < 12; d++) {
				var doc = UUID.randomUUID();
				stack.index()
					.replace(tenant, doc, List.of(chunk(tenant, doc, 0, "Shipping",
							"Shared wording about shipping rates and delivery times " + d, NO_METADATA)));
			}
		}

		var passages = stack.search()
			.search(new SearchQuery(ACME, "shipping rates delivery", 100, SearchFilters.NONE, true, retrieval));

		assertThat(passages).hasSize(12);
		var acmeDocuments = passages.stream().map(Passage::documentId).collect(Collectors.toSet());
		assertThat(stack.search()
			.search(new SearchQuery(GLOBEX, "shipping rates delivery", 100, SearchFilters.NONE, true, retrieval))
			.stream()
			.map(Passage::documentId)).hasSize(12).doesNotContainAnyElementsOf(acmeDocuments);
	}

	/** Once through the HNSW graph (exact-below 0), once scoring the admitted chunks exactly. */
	@ParameterizedTest
	@org.junit.jupiter.params.provider.ValueSource(ints = { 0, 20000 })
	void aFilterMatchingOnePercentStillReturnsKResultsFromBothSearches(int exactBelow) throws Exception {
		stack.close();
		stack = SearchFixtures.Stack.open(SearchFixtures.settings(dir.resolve("index-" + exactBelow),
				LexicalAnalyzer.ENGLISH, java.time.Duration.ZERO, exactBelow));
		var all = new ArrayList<KnowledgeChunk>();
		for (int i = 0; i < 2000; i++) {
			var rare = i % 100 == 7;
			var doc = UUID.randomUUID();
			var metadata = new PassageMetadata("faq", rare ? "rare-product" : "common-product", "", "", "en");
			all.add(chunk(ACME, doc, 0, "Warehouse " + i,
					"Warehouse robots move pallets between aisles, batch " + (i % 37), metadata));
		}
		// bulk load through the rebuild path (one commit), as start-up does
		stack.index().startRebuild();
		all.forEach(stack.index()::add);
		stack.index().finishRebuild();
		var rare = new SearchFilters(Set.of(), Set.of("rare-product"), Set.of(), Set.of(), Set.of());

		var unfiltered = search(ACME, "warehouse robots pallets", 100, SearchFilters.NONE);
		var filtered = search(ACME, "warehouse robots pallets", 10, rare);

		assertThat(unfiltered.stream().filter(p -> p.metadata().product().equals("rare-product")))
			.as("post-filtering the unfiltered top 100 would not give 10").hasSizeLessThan(10);
		assertThat(filtered).hasSize(10).allSatisfy(passage -> {
			assertThat(passage.metadata().product()).isEqualTo("rare-product");
			assertThat(passage.lexical()).as("ranked by the filtered BM25 search").isPresent();
			assertThat(passage.vector()).as("ranked by the filtered vector search").isPresent();
		});
	}

	@Test
	void exactAndGraphVectorSearchAgreeOnASmallIndex() throws Exception {
		var chunks = new ArrayList<KnowledgeChunk>();
		var random = new java.util.Random(3);
		for (int i = 0; i < 1500; i++) {
			var doc = UUID.randomUUID();
			var text = new StringBuilder();
			for (int w = 0; w < 6; w++) {
				text.append('w').append(random.nextInt(300)).append(' ');
			}
			chunks.add(chunk(ACME, doc, 0, "Note", text.toString(), NO_METADATA));
		}
		var results = new ArrayList<List<UUID>>();
		for (int exactBelow : new int[] { 0, 20000 }) {
			try (var other = SearchFixtures.Stack.open(SearchFixtures.settings(dir.resolve("agree-" + exactBelow),
					LexicalAnalyzer.ENGLISH, java.time.Duration.ZERO, exactBelow))) {
				other.index().startRebuild();
				chunks.forEach(other.index()::add);
				other.index().finishRebuild();
				results.add(other.search()
					.search(new SearchQuery(ACME, "w7 w42 w99 w150", 10, SearchFilters.NONE, true,
							Retrieval.VECTOR))
					.stream()
					.map(Passage::chunkId)
					.toList());
			}
		}
		assertThat(results.get(0)).hasSize(10);
		// HNSW is approximate: its top 10 must recall at least 9 of the exact top 10 (a run showed one swap at rank 10).
		assertThat(results.get(1)).hasSize(10);
		assertThat(results.get(0).stream().filter(results.get(1)::contains).count()).as("HNSW top 10 vs exact top 10")
			.isGreaterThanOrEqualTo(9);
	}

	@Test
	void valuesOfOneFilterAreAlternativesAndFiltersCombine() {
		var kinds = List.of(new PassageMetadata("faq", "router", "", "emea", "en"),
				new PassageMetadata("pricing", "router", "", "emea", "en"),
				new PassageMetadata("case-study", "router", "", "emea", "en"),
				new PassageMetadata("faq", "router", "", "apac", "en"));
		for (var metadata : kinds) {
			var doc = UUID.randomUUID();
			stack.index()
				.replace(ACME, doc, List.of(chunk(ACME, doc, 0, "Router", "Router setup notes", metadata)));
		}

		var filters = new SearchFilters(Set.of("faq", "pricing"), Set.of(), Set.of(), Set.of("emea"), Set.of());
		var passages = search(ACME, "router setup", 10, filters);

		assertThat(passages).extracting(p -> p.metadata().type()).containsExactlyInAnyOrder("faq", "pricing");
		assertThat(stack.index().valuesOf(ACME, "type")).containsExactly("case-study", "faq", "pricing");
		assertThat(stack.index().valuesOf(GLOBEX, "type")).isEmpty();
	}

	@Test
	void snippetsAreEscapedAndMarkTheQueryTerms() {
		var doc = UUID.randomUUID();
		stack.index()
			.replace(ACME, doc, List.of(chunk(ACME, doc, 0, "Notes",
					"Paste <script>alert(1)</script> & the invoice total into the billing form.", NO_METADATA)));

		var snippet = search(ACME, "invoice", 1, SearchFilters.NONE).getFirst().snippet();

		assertThat(snippet).contains("<mark>invoice</mark>")
			.contains("&lt;script&gt;")
			.doesNotContain("<script>")
			.contains("&amp;");
	}

	@Test
	void aQueryOfStopWordsOnlyStillSearchesByVector() {
		var doc = UUID.randomUUID();
		stack.index().replace(ACME, doc, List.of(chunk(ACME, doc, 0, "Misc", "to be or not to be", NO_METADATA)));

		var passages = search(ACME, "to be", 5, SearchFilters.NONE);

		assertThat(passages).hasSize(1);
		assertThat(passages.getFirst().lexical()).isEmpty();
		assertThat(passages.getFirst().vector()).isPresent();
	}

	@Test
	void concurrentChangesShareOneGroupCommit() throws Exception {
		var window = java.time.Duration.ofMillis(300);
		try (var grouped = new LuceneChunkIndex(
				SearchFixtures.settings(dir.resolve("grouped"), LexicalAnalyzer.ENGLISH, window),
				HashingEmbeddings.DIMENSIONS)) {
			long started = System.nanoTime();
			try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
				for (int i = 0; i < 20; i++) {
					var doc = UUID.randomUUID();
					threads.submit(() -> grouped.replace(ACME, doc,
							List.of(chunk(ACME, doc, 0, "T", "grouped change", NO_METADATA))));
				}
			}
			long millis = (System.nanoTime() - started) / 1_000_000;

			assertThat(grouped.committedSize()).as("every change durable when its replace returned").isEqualTo(20);
			assertThat(millis).as("20 changes, one or two windows of 300 ms, not 20").isLessThan(1500);
		}
	}

	@Test
	void reopeningWithAnotherAnalyzerAsksForARebuild() throws Exception {
		var doc = UUID.randomUUID();
		stack.index().replace(ACME, doc, List.of(chunk(ACME, doc, 0, "T", "text", NO_METADATA)));
		assertThat(stack.index().needsRebuild()).as("no layout marker yet").isTrue();
		stack.index().startRebuild();
		stack.index().add(chunk(ACME, doc, 0, "T", "text", NO_METADATA));
		stack.index().finishRebuild();
		assertThat(stack.index().needsRebuild()).isFalse();
		stack.index().replace(ACME, doc, List.of(chunk(ACME, doc, 0, "T", "text again", NO_METADATA)));
		stack.close();

		try (var same = new LuceneChunkIndex(SearchFixtures.settings(dir.resolve("index")),
				HashingEmbeddings.DIMENSIONS)) {
			assertThat(same.needsRebuild()).as("the marker survives later commits").isFalse();
		}
		try (var other = new LuceneChunkIndex(
				SearchFixtures.settings(dir.resolve("index"), LexicalAnalyzer.STANDARD), HashingEmbeddings.DIMENSIONS)) {
			assertThat(other.needsRebuild()).isTrue();
		}
		stack = SearchFixtures.Stack.open(SearchFixtures.settings(dir.resolve("index")));
	}

	private List<Passage> search(TenantId tenant, String text, int k, SearchFilters filters) {
		return stack.search().search(new SearchQuery(tenant, text, k, filters, true));
	}

	private static Set<UUID> ids(List<?> items) {
		return items.stream()
			.map(item -> item instanceof KnowledgeChunk chunk ? chunk.chunkId() : ((Passage) item).chunkId())
			.collect(Collectors.toCollection(HashSet::new));
	}
}
