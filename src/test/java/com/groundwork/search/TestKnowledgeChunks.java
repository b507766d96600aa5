package com.groundwork.search;

import com.groundwork.identity.TenantId;
import com.groundwork.knowledge.DocumentIndexed;
import com.groundwork.knowledge.DocumentRemoved;
import com.groundwork.knowledge.KnowledgeChunk;
import com.groundwork.knowledge.KnowledgeChunks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The chunks table for search tests, until the knowledge module's lands: an in-memory map that "commits" a document
 * and publishes the same events in a transaction, as the knowledge module does.
 */
public class TestKnowledgeChunks implements KnowledgeChunks {

	private final Map<UUID, List<KnowledgeChunk>> documents = new ConcurrentHashMap<>();

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	public TestKnowledgeChunks(ApplicationEventPublisher events, TransactionTemplate transactions) {
		this.events = events;
		this.transactions = transactions;
	}

	/** Stores a document's chunks and publishes {@link DocumentIndexed} (delivered after the commit). */
	public void index(TenantId tenant, UUID documentId, List<KnowledgeChunk> chunks) {
		transactions.executeWithoutResult(status -> {
			documents.put(documentId, List.copyOf(chunks));
			events.publishEvent(new DocumentIndexed(tenant, documentId, "test/" + documentId, "hash", chunks.size()));
		});
	}

	/** Deletes a document and publishes {@link DocumentRemoved}. */
	public void remove(TenantId tenant, UUID documentId) {
		transactions.executeWithoutResult(status -> {
			documents.remove(documentId);
			events.publishEvent(new DocumentRemoved(tenant, documentId, "test/" + documentId));
		});
	}

	/** Publishes {@link DocumentIndexed} again without changing anything (a replayed event). */
	public void replay(TenantId tenant, UUID documentId) {
		transactions.executeWithoutResult(status -> events
			.publishEvent(new DocumentIndexed(tenant, documentId, "test/" + documentId, "hash", 0)));
	}

	@Override
	public List<KnowledgeChunk> chunksOf(TenantId tenant, UUID documentId) {
		var chunks = documents.getOrDefault(documentId, List.of());
		return chunks.stream().filter(chunk -> chunk.tenant().equals(tenant)).toList();
	}

	@Override
	public void forEachChunk(Consumer<KnowledgeChunk> consumer) {
		new ArrayList<>(documents.values()).forEach(chunks -> chunks.forEach(consumer));
	}
}
