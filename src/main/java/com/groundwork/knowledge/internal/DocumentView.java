package com.groundwork.knowledge.internal;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A knowledge document as the API and the page show it.
 *
 * @param status INDEXING, INDEXED or FAILED
 * @param error why the latest version could not be indexed (an INDEXED document then still serves its earlier
 * version)
 * @param origin FOLDER (kept in step with the knowledge folder by sync) or UPLOAD
 */
record DocumentView(UUID id, String source, String title, String type, String product, String industry, String region,
		String language, @Nullable LocalDate updated, String visibility, String mediaType, long sizeBytes,
		String contentHash, String status, @Nullable String error, int chunks, String origin,
		@Nullable OffsetDateTime indexedAt, OffsetDateTime updatedAt) {

	static DocumentView of(StoredDocument document) {
		return new DocumentView(document.id(), document.source(), document.title(), document.type(),
				document.product(), document.industry(), document.region(), document.language(), document.updated(),
				document.visibility(), document.mediaType(), document.sizeBytes(), document.contentHash(),
				document.status().name(), document.error(), document.chunkCount(), document.origin().name(),
				document.indexedAt(), document.updatedAt());
	}
}
