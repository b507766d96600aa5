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

	/**
	 * Ingests several documents for a tenant, in order and as fast as the embedding model allows: one document's
	 * parsing and storing overlap another's embedding. Each is ingested as by {@link #ingest}; the first failure is
	 * thrown once every document has been attempted.
	 * @param documents documents of distinct sources
	 * @return the outcomes, in order
	 */
	java.util.List<IngestionOutcome> ingestAll(TenantId tenant, java.util.List<SourceDocument> documents);

	/** What happened to one document. */
	record IngestionOutcome(java.util.UUID documentId, String source, Status status, int chunks) {

		public enum Status {
			INDEXED, UNCHANGED
		}
	}
}
