package com.groundwork.knowledge.internal;

import com.groundwork.identity.TenantId;
import com.groundwork.knowledge.KnowledgeIngestion.IngestionOutcome;
import com.groundwork.knowledge.SourceDocument;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** What the API and the page do with a tenant's documents; the tenant always comes from the signed-in actor. */
@Service
class KnowledgeDocuments {

	private final DocumentRepository documents;

	private final DocumentIngestion ingestion;

	private final DocumentWriter writer;

	private final FolderSync folderSync;

	KnowledgeDocuments(DocumentRepository documents, DocumentIngestion ingestion, DocumentWriter writer,
			FolderSync folderSync) {
		this.documents = documents;
		this.ingestion = ingestion;
		this.writer = writer;
		this.folderSync = folderSync;
	}

	List<DocumentView> list(TenantId tenant) {
		return documents.list(tenant).stream().map(DocumentView::of).toList();
	}

	DocumentView get(TenantId tenant, UUID id) {
		return documents.find(tenant, id).map(DocumentView::of).orElseThrow(() -> new DocumentNotFoundException(id));
	}

	/** Ingests an upload; the outcome says whether it was (re)indexed or unchanged. */
	Uploaded upload(TenantId tenant, SourceDocument document) {
		var outcome = ingestion.ingest(tenant, document, Origin.UPLOAD);
		return new Uploaded(outcome, get(tenant, outcome.documentId()));
	}

	void delete(TenantId tenant, UUID id) {
		writer.remove(tenant, id).orElseThrow(() -> new DocumentNotFoundException(id));
	}

	SyncReport sync(TenantId tenant) {
		return folderSync.sync(tenant);
	}

	record Uploaded(IngestionOutcome outcome, DocumentView document) {
	}
}
