package com.groundwork.knowledge;

import com.groundwork.identity.TenantId;
import java.util.Objects;
import java.util.UUID;

/**
 * One indexed passage of a knowledge document: the unit that search returns and drafts cite.
 *
 * @param headingPath the document title and section headings above the chunk, joined with " › "
 * @param contentHash SHA-256 (hex) of {@code text}; citations quote it as {@code chunkId@hash}
 */
public record KnowledgeChunk(UUID chunkId, UUID documentId, TenantId tenant, int ordinal, String documentTitle,
		String headingPath, String text, PassageMetadata metadata, float[] embedding, String contentHash) {

	public KnowledgeChunk {
		Objects.requireNonNull(chunkId, "chunkId");
		Objects.requireNonNull(documentId, "documentId");
		Objects.requireNonNull(tenant, "tenant");
		Objects.requireNonNull(text, "text");
		Objects.requireNonNull(metadata, "metadata");
		Objects.requireNonNull(embedding, "embedding");
	}
}
