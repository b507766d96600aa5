package com.groundwork.knowledge.internal;

import com.groundwork.identity.TenantId;
import com.groundwork.knowledge.DocumentIndexed;
import com.groundwork.knowledge.DocumentRemoved;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;

/**
 * The short transactions of ingestion. Parsing and embedding happen before {@link #replace} opens its transaction,
 * which swaps a document's chunks, updates its row and publishes {@link DocumentIndexed} all at once: a crash at any
 * point leaves either the old chunks or the new ones, never a mixture, and no event for a write that did not commit.
 */
@Component
class DocumentWriter {

	private final DocumentRepository documents;

	private final ChunkRepository chunks;

	private final KnowledgeChangeLog changes;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	DocumentWriter(DocumentRepository documents, ChunkRepository chunks, KnowledgeChangeLog changes,
			ApplicationEventPublisher events, Clock clock) {
		this.documents = documents;
		this.chunks = chunks;
		this.changes = changes;
		this.events = events;
		this.clock = clock;
	}

	/** Marks a document INDEXING (creating its row if it is new) and returns its id. */
	@Transactional
	UUID begin(TenantId tenant, String source, Origin origin, String contentHash, String pipelineHash, long sizeBytes) {
		var existing = documents.findBySource(tenant, source);
		if (existing.isPresent()) {
			documents.markIndexing(tenant, existing.get().id(), origin, now());
			return existing.get().id();
		}
		var id = UUID.randomUUID();
		documents.insertIndexing(tenant, id, source, origin, contentHash, pipelineHash, sizeBytes, now());
		return id;
	}

	/** Replaces the document's chunks with {@code newChunks} and publishes {@link DocumentIndexed}, in one transaction. */
	@Transactional
	void replace(TenantId tenant, UUID documentId, ParsedDocument parsed, String contentHash, String pipelineHash,
			long sizeBytes, List<StoredChunk> newChunks) {
		var document = documents.lock(tenant, documentId).orElseThrow(() -> new DocumentDeletedWhileIndexingException(parsed.source()));
		chunks.deleteByDocument(tenant, documentId);
		chunks.insert(tenant, documentId, parsed.metadata().passageMetadata(), newChunks);
		documents.markIndexed(tenant, documentId, parsed, contentHash, pipelineHash, sizeBytes, newChunks.size(), now());
		changes.record(tenant, documentId);
		events.publishEvent(new DocumentIndexed(tenant, documentId, document.source(), contentHash, newChunks.size()));
	}

	@Transactional
	void fail(TenantId tenant, UUID documentId, String error) {
		documents.markFailed(tenant, documentId, error, now());
	}

	/** Deletes a document and its chunks and publishes {@link DocumentRemoved}; empty if there is no such document. */
	@Transactional
	Optional<StoredDocument> remove(TenantId tenant, UUID documentId) {
		var document = documents.lock(tenant, documentId);
		document.ifPresent(removed -> {
			chunks.deleteByDocument(tenant, documentId);
			documents.delete(tenant, documentId);
			changes.record(tenant, documentId);
			events.publishEvent(new DocumentRemoved(tenant, documentId, removed.source()));
		});
		return document;
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(clock);
	}

	/** The document was deleted while its new version was being parsed and embedded; nothing was written. */
	static final class DocumentDeletedWhileIndexingException extends ErrorResponseException {

		DocumentDeletedWhileIndexingException(String source) {
			super(HttpStatus.CONFLICT, problem(source), null);
		}

		private static ProblemDetail problem(String source) {
			var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
					source + " was deleted while it was being indexed; upload it again if you still want it");
			problem.setTitle("Document deleted meanwhile");
			return problem;
		}
	}
}
