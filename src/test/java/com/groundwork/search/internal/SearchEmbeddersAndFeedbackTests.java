package com.groundwork.search.internal;

import static com.groundwork.search.internal.SearchFixtures.NO_METADATA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.groundwork.identity.TenantId;
import com.groundwork.knowledge.Embeddings;
import com.groundwork.knowledge.KnowledgeChunk;
import com.groundwork.search.Passage;
import com.groundwork.search.SearchFilters;
import com.groundwork.search.SearchQuery;
import com.groundwork.search.SearchQuery.Retrieval;
import com.groundwork.search.internal.SearchSettings.Feedback;
import com.groundwork.search.internal.SearchSettings.FeedbackMode;
import com.groundwork.search.internal.SearchSettings.Normalization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.lucene.search.Query;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A further embedding model's vectors beside the primary one's (own field, own search, fused), and pseudo-relevance
 * feedback (Rocchio on vectors, RM3 on BM25), on a real Lucene index with deterministic hashing embeddings.
 */
class SearchEmbeddersAndFeedbackTests {

	static final TenantId ACME = new TenantId(UUID.fromString("00000000-0000-0000-0000-00000000000a"));

	static final VectorModel EXTRA = VectorModel.extra("hashing-extra");

	/** A second "model" that sees other words than the first: it hashes only words of five letters or more. */
	static final Embeddings LONG_WORDS = new Embeddings() {
		@Override
		public String name() {
			return EXTRA.name();
		}

		@Override
		public int dimensions() {
			return HashingEmbeddings.DIMENSIONS;
		}

		@Override
		public List<float[]> embedPassages(List<String> passages) {
			return passages.stream().map(SearchEmbeddersAndFeedbackTests::longWords).toList();
		}

		@Override
		public float[] embedQuery(String query) {
			return longWords(query);
		}

		@Override
		public int countTokens(String text) {
			return text.split("\\s+").length;
		}
	};

	@TempDir
	Path dir;

	static float[] longWords(String text) {
		return HashingEmbeddings.vector(String.join(" ",
				java.util.Arrays.stream(text.split("\\s+")).filter(word -> word.length() >= 5).toList()) + " x");
	}

	private static KnowledgeChunk chunk(UUID doc, int ordinal, String text, boolean withExtra) {
		var base = SearchFixtures.chunk(ACME, doc, ordinal, "Doc " + ordinal, text, NO_METADATA);
		return new KnowledgeChunk(base.chunkId(), doc, ACME, ordinal, base.documentTitle(), base.headingPath(), text,
				NO_METADATA, HashingEmbeddings.vector("unrelated noise " + ordinal), base.contentHash(),
				withExtra ? Map.of(EXTRA.name(), longWords(text)) : Map.of());
	}

	private HybridPassageSearch search(LuceneChunkIndex index, SearchSettings settings, List<VectorModel> models,
			Feedback feedback) {
		var sides = new ArrayList<HybridPassageSearch.VectorSide>();
		for (var model : models) {
			sides.add(new HybridPassageSearch.VectorSide(model,
					new QueryEmbeddings(model.primary() ? new HashingEmbeddings() : LONG_WORDS, 10)));
		}
		return new HybridPassageSearch(index, new LexicalSearch(index, settings), new LuceneVectorIndex(settings), sides,
				new WeightedScoreFusion(Normalization.MIN_MAX, 0.4, 0.6, 0.6), new SnippetHighlighter(index, 120),
				settings.candidates(), new RecentResults(0), new RelevanceFeedback(feedback, index.analyzers()));
	}

	@Test
	void aFurtherModelsVectorsAreSearchedInTheirOwnFieldAndFused() throws Exception {
		var settings = SearchFixtures.settings(dir.resolve("index"));
		var doc = UUID.randomUUID();
		try (var index = new LuceneChunkIndex(settings, HashingEmbeddings.DIMENSIONS, List.of(EXTRA))) {
			index.replace(ACME, doc, List.of(chunk(doc, 0, "refrigerated warehouses monitor temperature", true),
					chunk(doc, 1, "invoices arrive monthly by email", true),
					chunk(doc, 2, "refrigerated trucks without the further vector", false)));
			try (var primaryOnly = search(index, settings, List.of(VectorModel.PRIMARY), Feedback.NONE);
					var both = search(index, settings, List.of(VectorModel.PRIMARY, EXTRA), Feedback.NONE)) {
				var query = new SearchQuery(ACME, "monitor temperature", 3, SearchFilters.NONE, true, Retrieval.VECTOR);

				// The primary vectors are noise here: only the further model ranks the warehouse chunk first.
				assertThat(both.search(query).getFirst().text()).startsWith("refrigerated warehouses");
				assertThat(primaryOnly.search(query)).hasSize(3);
				// A chunk without the further model's vector is still found by the others.
				assertThat(both.search(new SearchQuery(ACME, "refrigerated trucks", 3, SearchFilters.NONE, false)))
					.extracting(Passage::text)
					.anyMatch(text -> text.contains("trucks"));
			}
		}
		// An index built with a further model is current for that configuration only.
		var rebuilt = SearchFixtures.settings(dir.resolve("rebuilt"));
		try (var index = new LuceneChunkIndex(rebuilt, HashingEmbeddings.DIMENSIONS, List.of(EXTRA))) {
			index.startRebuild();
			index.add(chunk(doc, 0, "refrigerated warehouses monitor temperature", true));
			index.finishRebuild();
		}
		try (var same = new LuceneChunkIndex(rebuilt, HashingEmbeddings.DIMENSIONS, List.of(EXTRA))) {
			assertThat(same.needsRebuild()).isFalse();
		}
		try (var without = new LuceneChunkIndex(rebuilt, HashingEmbeddings.DIMENSIONS)) {
			assertThat(without.needsRebuild()).as("built with a further model, opened without").isTrue();
		}
	}

	@Test
	void rocchioMovesTheQueryVectorTowardTheFeedbackCentroid() {
		var feedback = new RelevanceFeedback(new Feedback(FeedbackMode.ROCCHIO, 3, 0.5, 10, 0.3),
				new LanguageAnalyzers(LexicalAnalyzer.ENGLISH));
		var moved = feedback.rocchio(new float[] { 1, 0 }, List.of(new float[] { 0, 2 }, new float[] { 0, 4 }));

		// (0.5 * (1, 0) + 0.5 * (0, 1)) made unit length
		assertThat(moved[0]).isCloseTo((float) Math.sqrt(0.5), within(1e-6f));
		assertThat(moved[1]).isCloseTo((float) Math.sqrt(0.5), within(1e-6f));
		assertThat(feedback.rocchio(new float[] { 1, 0 }, List.of())).containsExactly(1, 0);
	}

	@Test
	void rm3ExpandsTheQueryWithTermsTypicalOfTheFeedbackChunksButNotCommonOnes() throws Exception {
		var settings = SearchFixtures.settings(dir.resolve("index"));
		var doc = UUID.randomUUID();
		var chunks = new ArrayList<KnowledgeChunk>();
		chunks.add(chunk(doc, 0, "Cold chain logistics: reefer containers keep vaccines between two and eight degrees.", true));
		for (int i = 1; i <= 20; i++) {
			chunks.add(chunk(doc, i, "Customers report logistics invoices number " + i + " every quarter.", true));
		}
		try (var index = new LuceneChunkIndex(settings, HashingEmbeddings.DIMENSIONS, List.of(EXTRA))) {
			index.replace(ACME, doc, chunks);
			var lexical = new LexicalSearch(index, settings);
			var feedback = new RelevanceFeedback(new Feedback(FeedbackMode.RM3, 1, 0.3, 10, 0.3), index.analyzers());
			var searcher = index.acquire();
			try {
				Query original = lexical.query("cold chain").orElseThrow();
				var top = lexical.search(searcher, original, FilterQueries.of(ACME, SearchFilters.NONE), 1);
				var expanded = feedback.expand(searcher, original, new int[] { top.getFirst().doc() }).toString();

				assertThat(expanded).contains("body:reefer", "body:vaccin").doesNotContain("body:logist");
				assertThat(lexical.search(searcher, lexical.query("reefer").orElseThrow(),
						FilterQueries.of(ACME, SearchFilters.NONE), 5)).hasSize(1);
			}
			finally {
				index.release(searcher);
			}
		}
	}

	@Test
	void feedbackRunsASecondRoundThatStillAnswersTheQuery() throws Exception {
		var settings = SearchFixtures.settings(dir.resolve("index"));
		var doc = UUID.randomUUID();
		try (var index = new LuceneChunkIndex(settings, HashingEmbeddings.DIMENSIONS, List.of(EXTRA))) {
			index.replace(ACME, doc, List.of(chunk(doc, 0, "reefer containers keep vaccines cold", true),
					chunk(doc, 1, "reefer monitoring alerts dispatchers about vaccines", true),
					chunk(doc, 2, "quarterly invoices and payment terms", true)));
			try (var plain = search(index, settings, List.of(VectorModel.PRIMARY, EXTRA), Feedback.NONE);
					var withFeedback = search(index, settings, List.of(VectorModel.PRIMARY, EXTRA),
							new Feedback(FeedbackMode.BOTH, 1, 0.3, 10, 0.3))) {
				var query = new SearchQuery(ACME, "reefer containers", 3, SearchFilters.NONE, false);
				List<Passage> before = plain.search(query);
				List<Passage> after = withFeedback.search(query);

				assertThat(after.getFirst().text()).isEqualTo(before.getFirst().text()).contains("reefer containers");
				// the expansion (vaccines, from the best chunk) lifts the other reefer chunk above the invoices
				assertThat(after.get(1).text()).contains("monitoring");
			}
		}
	}
}
