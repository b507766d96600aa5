package com.groundwork.search.internal;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Search settings ({@code groundwork.search.*}); the defaults are the ones chosen by the SciFact evaluation
 * (see eval/README.md).
 *
 * @param indexDir where the Lucene index lives; a projection of the chunks table, rebuilt when missing
 * @param vectorStore where vectors are searched: Lucene's HNSW graph beside the text, or pgvector
 * @param fusion how the two candidate lists become one ranking
 * @param candidates how many candidates each search fetches before fusion (at least k)
 * @param rrfK the constant k of reciprocal rank fusion: larger flattens the rank curve
 * @param normalization how weighted fusion puts BM25 and cosine scores on one scale
 * @param lexicalWeight the lexical search's weight in either fusion
 * @param vectorWeight the vector search's weight in either fusion
 * @param lexical BM25 and analysis
 * @param hnsw vector search breadth
 * @param snippetLength target length in characters of a highlighted snippet
 * @param queryCacheSize how many query embeddings to keep (repeated queries skip the model)
 * @param resultCacheSize how many recent search results to keep for the current view of the index (a campaign repeats
 * a few queries for many leads); 0 searches every time
 * @param commitWindow how long a change waits for others to share its Lucene commit (and refresh) before the event
 * that caused it completes; 0 commits every change on its own
 * @param followChanges how often this instance polls the knowledge change sequence for changes other instances made;
 * 0 (the embedded default: one instance, its own events suffice) switches following off
 */
@ConfigurationProperties("groundwork.search")
record SearchSettings(Path indexDir, @DefaultValue("lucene") VectorStore vectorStore,
		@DefaultValue("weighted") Fusion fusion, @DefaultValue("100") int candidates, @DefaultValue("60") int rrfK,
		@DefaultValue("min-max") Normalization normalization, @DefaultValue("0.4") double lexicalWeight,
		@DefaultValue("0.6") double vectorWeight, @DefaultValue Lexical lexical, @DefaultValue Hnsw hnsw,
		@DefaultValue("220") int snippetLength, @DefaultValue("2000") int queryCacheSize,
		@DefaultValue("256") int resultCacheSize,
		@DefaultValue("500ms") Duration commitWindow, @DefaultValue("0s") Duration followChanges) {

	SearchSettings {
		if (indexDir == null) {
			throw new IllegalArgumentException("groundwork.search.index-dir must be set");
		}
		if (candidates < 1 || candidates > 1000) {
			throw new IllegalArgumentException("groundwork.search.candidates must be between 1 and 1000");
		}
		if (lexicalWeight < 0 || vectorWeight < 0 || lexicalWeight + vectorWeight == 0) {
			throw new IllegalArgumentException("groundwork.search weights must be >= 0 and not both 0");
		}
		if (resultCacheSize < 0) {
			throw new IllegalArgumentException("groundwork.search.result-cache-size must be >= 0 (0 switches it off)");
		}
		if (rrfK < 0) {
			throw new IllegalArgumentException("groundwork.search.rrf-k must be >= 0");
		}
	}

	enum VectorStore {
		LUCENE, PGVECTOR
	}

	enum Fusion {
		RRF, WEIGHTED
	}

	enum Normalization {
		MIN_MAX, Z_SCORE
	}

	/**
	 * @param analyzer how text and queries are tokenized and stemmed; changing it rebuilds the index
	 * @param k1 BM25 term-frequency saturation
	 * @param b BM25 length normalization
	 * @param titleBoost weight of a match in the heading path (document title and section headings) against the body
	 */
	record Lexical(@DefaultValue("english") LexicalAnalyzer analyzer, @DefaultValue("0.9") float k1,
			@DefaultValue("0.4") float b, @DefaultValue("0.5") float titleBoost) {
	}

	/**
	 * @param efSearch candidates the HNSW search keeps while walking the graph (at least the candidate depth)
	 * @param exactBelow when the tenant and filters admit at most this many chunks, the Lucene vector store scores
	 * them all exactly instead of walking the graph
	 */
	record Hnsw(@DefaultValue("100") int efSearch, @DefaultValue("8000") int exactBelow) {
	}
}
