package com.groundwork.search.internal;

import com.groundwork.identity.TenantId;
import com.groundwork.knowledge.KnowledgeChunk;
import com.groundwork.knowledge.PassageMetadata;
import com.groundwork.search.internal.SearchSettings.Fusion;
import com.groundwork.search.internal.SearchSettings.Hnsw;
import com.groundwork.search.internal.SearchSettings.Lexical;
import com.groundwork.search.internal.SearchSettings.Normalization;
import com.groundwork.search.internal.SearchSettings.VectorStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/** Settings and chunks for tests that build the search stack without Spring. */
final class SearchFixtures {

	static final PassageMetadata NO_METADATA = new PassageMetadata("", "", "", "", "");

	private SearchFixtures() {
	}

	static SearchSettings settings(Path indexDir) {
		return settings(indexDir, LexicalAnalyzer.ENGLISH);
	}

	static SearchSettings settings(Path indexDir, LexicalAnalyzer analyzer) {
		return settings(indexDir, analyzer, java.time.Duration.ZERO);
	}

	static SearchSettings settings(Path indexDir, LexicalAnalyzer analyzer, java.time.Duration commitWindow) {
		return settings(indexDir, analyzer, commitWindow, 20000);
	}

	/** @param exactBelow 0 makes every vector search walk the HNSW graph */
	static SearchSettings settings(Path indexDir, LexicalAnalyzer analyzer, java.time.Duration commitWindow,
			int exactBelow) {
		return new SearchSettings(indexDir, VectorStore.LUCENE, Fusion.RRF, 100, 60, Normalization.MIN_MAX, 1, 1, 0.3, SearchSettings.Feedback.NONE,
				new Lexical(analyzer, 0.9f, 0.4f, 0.5f), new Hnsw(100, exactBelow), 120, 100, 64, commitWindow,
				java.time.Duration.ZERO);
	}

	/** The search stack over one index, with the hashing embedding. */
	record Stack(LuceneChunkIndex index, HybridPassageSearch search) implements AutoCloseable {

		static Stack open(SearchSettings settings) {
			var index = new LuceneChunkIndex(settings, HashingEmbeddings.DIMENSIONS);
			var search = new HybridPassageSearch(index, new LexicalSearch(index, settings),
					new LuceneVectorIndex(settings), new QueryEmbeddings(new HashingEmbeddings(), 100),
					new ReciprocalRankFusion(settings.rrfK(), 1, 1), new SnippetHighlighter(index, 120),
					settings.candidates(), new RecentResults(settings.resultCacheSize()));
			return new Stack(index, search);
		}

		@Override
		public void close() throws Exception {
			search.close();
			index.close();
		}
	}

	static KnowledgeChunk chunk(TenantId tenant, UUID documentId, int ordinal, String title, String text,
			PassageMetadata metadata) {
		return new KnowledgeChunk(UUID.randomUUID(), documentId, tenant, ordinal, title, title, text, metadata,
				HashingEmbeddings.vector(title + " " + text), sha256(text));
	}

	static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
