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
 * @param vectorWeight the vector search's weight in either fusion (the primary embedding model's search)
 * @param extraVectorWeight the weight of each further embedding model's vector search ({@code embedders})
 * @param feedback pseudo-relevance feedback: a second round of searches informed by the first round's best chunks
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
		@DefaultValue("0.6") double vectorWeight, @DefaultValue("0.3") double extraVectorWeight,
		@DefaultValue Feedback feedback, @DefaultValue Lexical lexical, @DefaultValue Hnsw hnsw,
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
		if (extraVectorWeight < 0) {
			throw new IllegalArgumentException("groundwork.search.extra-vector-weight must be >= 0");
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
	 * Pseudo-relevance feedback: the best {@code docs} chunks of the first round stand in for relevance judgments.
	 *
	 * @param mode none; rocchio (each query vector moves toward the mean of those chunks' vectors); rm3 (BM25 query
	 * expanded with the terms most typical of those chunks); or both
	 * @param docs how many first-round chunks are taken as relevant
	 * @param vectorWeight Rocchio: the share of the feedback centroid in the new query vector
	 * @param terms RM3: how many expansion terms
	 * @param termWeight RM3: the share of the expansion terms in the new BM25 query
	 */
	record Feedback(@DefaultValue("none") FeedbackMode mode, @DefaultValue("3") int docs,
			@DefaultValue("0.3") double vectorWeight, @DefaultValue("10") int terms,
			@DefaultValue("0.3") double termWeight) {

		Feedback {
			if (docs < 1 || docs > 50) {
				throw new IllegalArgumentException("groundwork.search.feedback.docs must be between 1 and 50");
			}
			if (vectorWeight < 0 || vectorWeight >= 1 || termWeight < 0 || termWeight >= 1) {
				throw new IllegalArgumentException(
						"groundwork.search.feedback.vector-weight and term-weight must be >= 0 and < 1");
			}
			if (terms < 1 || terms > 100) {
				throw new IllegalArgumentException("groundwork.search.feedback.terms must be between 1 and 100");
			}
		}

		/** No feedback: one round of searches. */
		static final Feedback NONE = new Feedback(FeedbackMode.NONE, 3, 0.3, 10, 0.3);

		boolean rocchio() {
			return mode == FeedbackMode.ROCCHIO || mode == FeedbackMode.BOTH;
		}

		boolean rm3() {
			return mode == FeedbackMode.RM3 || mode == FeedbackMode.BOTH;
		}
	}

	enum FeedbackMode {
		NONE, ROCCHIO, RM3, BOTH
	}

	/**
	 * @param efSearch candidates the HNSW search keeps while walking the graph (at least the candidate depth)
	 * @param exactBelow when the tenant and filters admit at most this many chunks, the Lucene vector store scores
	 * them all exactly instead of walking the graph
	 */
	record Hnsw(@DefaultValue("100") int efSearch, @DefaultValue("8000") int exactBelow) {
	}
}
