package com.groundwork.search;

import com.groundwork.knowledge.PassageMetadata;
import java.util.Optional;
import java.util.UUID;

/**
 * A retrieved chunk with how each search ranked it. {@code lexical} / {@code vector} are empty when that search did
 * not return the chunk, or when the query did not ask for an explanation.
 *
 * @param snippet an HTML-safe excerpt of {@code text}: escaped, with the query's terms wrapped in {@code <mark>}
 * @param fusedScore the score the chunk was ranked by (the fused score, or the single search's score)
 */
public record Passage(UUID documentId, UUID chunkId, String documentTitle, String headingPath, String text,
		String snippet, String contentHash, PassageMetadata metadata, Optional<Ranking> lexical,
		Optional<Ranking> vector, double fusedScore) {

	/** 1-based rank and raw score of a chunk in one of the two searches. */
	public record Ranking(int rank, double score) {
	}
}
