package com.groundwork.knowledge;

import com.groundwork.identity.TenantId;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One indexed passage of a knowledge document: the unit that search returns and drafts cite.
 *
 * @param headingPath the document title and section headings above the chunk, joined with " › "
 * @param embedding the primary embedding model's vector
 * @param contentHash SHA-256 (hex) of {@code text}; citations quote it as {@code chunkId@hash}
 * @param extraEmbeddings vectors of the further configured models by model name ({@link Embedders#extras()}); a
 * model missing here has not embedded this chunk yet
 */
public record KnowledgeChunk(UUID chunkId, UUID documentId, TenantId tenant, int ordinal, String documentTitle,
		String headingPath, String text, PassageMetadata metadata, float[] embedding, String contentHash,
		Map<String, float[]> extraEmbeddings) {

	public KnowledgeChunk {
		Objects.requireNonNull(chunkId, "chunkId");
		Objects.requireNonNull(documentId, "documentId");
		Objects.requireNonNull(tenant, "tenant");
		Objects.requireNonNull(text, "text");
		Objects.requireNonNull(metadata, "metadata");
		Objects.requireNonNull(embedding, "embedding");
		extraEmbeddings = extraEmbeddings == null ? Map.of() : Map.copyOf(extraEmbeddings);
	}

	/** A chunk with the primary model's vector only. */
	public KnowledgeChunk(UUID chunkId, UUID documentId, TenantId tenant, int ordinal, String documentTitle,
			String headingPath, String text, PassageMetadata metadata, float[] embedding, String contentHash) {
		this(chunkId, documentId, tenant, ordinal, documentTitle, headingPath, text, metadata, embedding, contentHash,
				Map.of());
	}
}
