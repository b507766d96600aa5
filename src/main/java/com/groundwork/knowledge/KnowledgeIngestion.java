package com.groundwork.knowledge;

import com.groundwork.identity.TenantId;

/**
 * Parses, chunks, embeds and stores documents, incrementally by content hash, and publishes
 * {@link DocumentIndexed} / {@link DocumentRemoved} in the same transaction.
 */
public interface KnowledgeIngestion {

	/**
	 * Ingests one document for a tenant. Unchanged content (same hash) is a no-op.
	 * @throws DocumentRejectedException when the document cannot be parsed, is too large or of a refused type
	 */
	IngestionOutcome ingest(TenantId tenant, SourceDocument document);

	/** What happened to one document. */
	record IngestionOutcome(java.util.UUID documentId, String source, Status status, int chunks) {

		public enum Status {
			INDEXED, UNCHANGED
		}
	}
}
