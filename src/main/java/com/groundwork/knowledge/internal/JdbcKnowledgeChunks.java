package com.groundwork.knowledge.internal;

import com.groundwork.identity.TenantId;
import com.groundwork.knowledge.KnowledgeChange;
import com.groundwork.knowledge.KnowledgeChunk;
import com.groundwork.knowledge.KnowledgeChunks;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The chunks table as the search indexes read it. */
@Component
class JdbcKnowledgeChunks implements KnowledgeChunks {

	private final ChunkRepository chunks;

	private final KnowledgeChangeLog changes;

	JdbcKnowledgeChunks(ChunkRepository chunks, KnowledgeChangeLog changes) {
		this.chunks = chunks;
		this.changes = changes;
	}

	@Override
	@Transactional(readOnly = true)
	public List<KnowledgeChange> changesSince(long sequence, int limit) {
		return changes.since(sequence, limit);
	}

	@Override
	@Transactional(readOnly = true)
	public long latestChange() {
		return changes.latest();
	}

	@Override
	@Transactional(readOnly = true)
	public List<KnowledgeChunk> chunksOf(TenantId tenant, UUID documentId) {
		return chunks.chunksOf(tenant, documentId);
	}

	/** One read-only transaction holds the cursor, so PostgreSQL streams rows by the fetch size instead of loading all. */
	@Override
	@Transactional(readOnly = true)
	public void forEachChunk(Consumer<KnowledgeChunk> consumer) {
		chunks.forEach(consumer);
	}
}
