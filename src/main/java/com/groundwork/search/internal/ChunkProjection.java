package com.groundwork.search.internal;

import com.groundwork.identity.TenantId;
import com.groundwork.knowledge.KnowledgeChunk;
import java.util.List;
import java.util.UUID;

/**
 * A search structure derived from the chunks table (the Lucene index, the pgvector table). It is only ever written
 * from the current chunks of a document, so replaying an event or rebuilding from scratch converge on the same state.
 */
interface ChunkProjection {

	/** A short name for logs. */
	String name();

	/**
	 * Replaces all chunks of one document at once; an empty list removes the document. The change may become durable
	 * later (a group commit): wait on the returned handle before marking an event complete.
	 */
	Pending apply(TenantId tenant, UUID documentId, List<KnowledgeChunk> chunks);

	/** {@link #apply} and wait until the change is durable. */
	default void replace(TenantId tenant, UUID documentId, List<KnowledgeChunk> chunks) {
		apply(tenant, documentId, chunks).awaitDurable();
	}

	/** Whether this projection is empty or was built by another version and must be rebuilt from the chunks table. */
	boolean needsRebuild();

	/** Drops everything, ready for {@link #add} calls. Nothing is visible or durable before {@link #finishRebuild}. */
	void startRebuild();

	void add(KnowledgeChunk chunk);

	void finishRebuild();

	/** A change on its way to disk. */
	@FunctionalInterface
	interface Pending {

		Pending DURABLE = () -> {
		};

		void awaitDurable();
	}
}
