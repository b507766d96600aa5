package com.groundwork.knowledge.internal;

import com.groundwork.identity.CurrentActor;
import com.groundwork.identity.Role;
import com.groundwork.knowledge.KnowledgeIngestion.IngestionOutcome;
import com.groundwork.knowledge.SourceDocument;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The knowledge base of the caller's tenant: sync the folder, upload, list, show and delete documents. */
@Tag(name = "Knowledge")
@RestController
@RequestMapping("/api/knowledge")
class KnowledgeApiController {

	private final KnowledgeDocuments documents;

	private final CurrentActor currentActor;

	KnowledgeApiController(KnowledgeDocuments documents, CurrentActor currentActor) {
		this.documents = documents;
		this.currentActor = currentActor;
	}

	@Operation(summary = "Ingest the knowledge folder: new and changed files are indexed, removed ones deleted")
	@PostMapping("/sync")
	@RolesAllowed({ Role.Names.ADMIN, Role.Names.MARKETER })
	SyncReport sync() {
		return documents.sync(currentActor.tenant());
	}

	@Operation(summary = "Upload one document (multipart part 'file'): Markdown, HTML, PDF, DOCX or plain text",
			description = "201 when indexed, 200 when the same content was already indexed; 413 too large, "
					+ "415 type not accepted, 422 unreadable or invalid metadata")
	@PostMapping("/documents")
	@RolesAllowed({ Role.Names.ADMIN, Role.Names.MARKETER })
	ResponseEntity<DocumentView> upload(@RequestParam("file") MultipartFile file) throws IOException {
		var source = UploadedFileName.of(file.getOriginalFilename()).orElseThrow(MissingFileNameException::new);
		var uploaded = documents.upload(currentActor.tenant(), new SourceDocument(source, file.getBytes()));
		var status = uploaded.outcome().status() == IngestionOutcome.Status.INDEXED ? HttpStatus.CREATED : HttpStatus.OK;
		return ResponseEntity.status(status)
			.location(URI.create("/api/knowledge/documents/" + uploaded.document().id()))
			.body(uploaded.document());
	}

	@Operation(summary = "The tenant's documents with status, chunk count, type and when last indexed")
	@GetMapping("/documents")
	@RolesAllowed({ Role.Names.ADMIN, Role.Names.MARKETER, Role.Names.REP, Role.Names.REVIEWER, Role.Names.AUDITOR })
	List<DocumentView> list() {
		return documents.list(currentActor.tenant());
	}

	@Operation(summary = "One document")
	@GetMapping("/documents/{id}")
	@RolesAllowed({ Role.Names.ADMIN, Role.Names.MARKETER })
	DocumentView get(@PathVariable UUID id) {
		return documents.get(currentActor.tenant(), id);
	}

	@Operation(summary = "Delete a document and its chunks")
	@DeleteMapping("/documents/{id}")
	@RolesAllowed({ Role.Names.ADMIN, Role.Names.MARKETER })
	ResponseEntity<Void> delete(@PathVariable UUID id) {
		documents.delete(currentActor.tenant(), id);
		return ResponseEntity.noContent().build();
	}
}
