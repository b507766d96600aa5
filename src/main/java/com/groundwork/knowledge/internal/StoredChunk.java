package com.groundwork.knowledge.internal;

import java.util.List;
import java.util.UUID;

/**
 * A chunk ready to be written.
 *
 * @param contentHash SHA-256 of {@code text}
 * @param embeddingKey SHA-256 of the model and the exact text embedded, to reuse the vector when that is unchanged
 * @param extraVectors the further models' vectors of the same text
 */
record StoredChunk(UUID id, int ordinal, String headingPath, String text, int tokens, String contentHash,
		String embeddingKey, float[] embedding, List<ExtraVectors.Vector> extraVectors) {
}
