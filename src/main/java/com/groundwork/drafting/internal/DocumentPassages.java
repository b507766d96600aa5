package com.groundwork.drafting.internal;

import com.groundwork.identity.TenantId;
import com.groundwork.knowledge.DocumentIndexed;
import com.groundwork.knowledge.DocumentRemoved;
import com.groundwork.knowledge.KnowledgeChunks;
import com.groundwork.search.Passage;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.context.event.EventListener;

/**
 * Every passage of a document, for the planner to read a chosen document whole. Documents change rarely and a
 * campaign plans the same few again and again, so they are kept; a document indexed again or removed is dropped, and
 * one whose searched passages are not all among those kept is read again.
 */
class DocumentPassages {

	private static final int MAX_DOCUMENTS = 2_000;

	private final KnowledgeChunks chunks;

	private final Map<UUID, List<Passage>> documents = new ConcurrentHashMap<>();

	DocumentPassages(KnowledgeChunks chunks) {
		this.chunks = chunks;
	}

	/** The document's passages in reading order, checked against passages a search just found of it. */
	List<Passage> of(TenantId tenant, UUID documentId, List<Passage> found) {
		var kept = documents.get(documentId);
		if (kept != null && current(kept, found)) {
			return kept;
		}
		var read = chunks.chunksOf(tenant, documentId)
			.stream()
			.map(chunk -> new Passage(chunk.documentId(), chunk.chunkId(), chunk.documentTitle(), chunk.headingPath(),
					chunk.text(), "", chunk.contentHash(), chunk.metadata(), Optional.empty(), Optional.empty(), 0))
			.toList();
		if (documents.size() >= MAX_DOCUMENTS) {
			documents.clear(); // rare: start over rather than track recency
		}
		documents.put(documentId, read);
		return read;
	}

	private static boolean current(List<Passage> kept, List<Passage> found) {
		Set<String> known = kept.stream().map(passage -> passage.chunkId() + "@" + passage.contentHash())
			.collect(Collectors.toSet());
		return found.stream().allMatch(passage -> known.contains(passage.chunkId() + "@" + passage.contentHash()));
	}

	@EventListener
	void on(DocumentIndexed indexed) {
		documents.remove(indexed.documentId());
	}

	@EventListener
	void on(DocumentRemoved removed) {
		documents.remove(removed.documentId());
	}
}
