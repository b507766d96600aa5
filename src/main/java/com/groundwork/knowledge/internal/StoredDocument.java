package com.groundwork.knowledge.internal;

import com.groundwork.identity.TenantId;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A row of {@code knowledge_document}. */
record StoredDocument(UUID id, TenantId tenant, String source, Origin origin, String title, String type, String product,
		String industry, String region, String language, @Nullable LocalDate updated, String visibility,
		String mediaType, long sizeBytes, String contentHash, String pipelineHash, DocumentStatus status,
		@Nullable String error, int chunkCount, @Nullable OffsetDateTime indexedAt, OffsetDateTime updatedAt) {

	/** Indexed from exactly these bytes with exactly these settings, and nothing newer has failed since. */
	boolean isCurrent(String contentHash, String pipelineHash) {
		return status == DocumentStatus.INDEXED && this.contentHash.equals(contentHash)
				&& this.pipelineHash.equals(pipelineHash);
	}
}
