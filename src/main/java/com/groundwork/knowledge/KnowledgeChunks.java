package com.groundwork.knowledge;

import com.groundwork.identity.TenantId;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/** Read access to the chunks table, the source of truth that the search indexes project. */
public interface KnowledgeChunks {

	/** The current chunks of one document in order; empty when the document is gone. */
	List<KnowledgeChunk> chunksOf(TenantId tenant, UUID documentId);

	/** Streams every chunk of every tenant (for rebuilding an index), without holding them all in memory. */
	void forEachChunk(Consumer<KnowledgeChunk> consumer);

	/**
	 * Changed documents after {@code sequence}, in sequence order, at most {@code limit}; the change log keeps a few
	 * days. A table without a change log (a stand-in) answers none.
	 */
	default List<KnowledgeChange> changesSince(long sequence, int limit) {
		return List.of();
	}

	/** The highest sequence in the change log, 0 when it is empty. */
	default long latestChange() {
		return 0;
	}
}
