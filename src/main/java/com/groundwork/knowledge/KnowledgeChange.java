package com.groundwork.knowledge;

import com.groundwork.identity.TenantId;
import java.util.Objects;
import java.util.UUID;

/**
 * One entry of the knowledge change sequence: a document's chunks were replaced or removed. Per-instance projections
 * (each instance's Lucene index) follow the sequence to converge on the chunks table, whichever instance made the
 * change.
 *
 * @param sequence increasing, though a transaction may commit a lower sequence after a higher one
 */
public record KnowledgeChange(long sequence, TenantId tenant, UUID documentId) {

	public KnowledgeChange {
		Objects.requireNonNull(tenant, "tenant");
		Objects.requireNonNull(documentId, "documentId");
	}
}
