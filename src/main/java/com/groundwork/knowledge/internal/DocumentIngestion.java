package com.groundwork.knowledge.internal;

import com.groundwork.identity.TenantId;
import com.groundwork.knowledge.DocumentRejectedException;
import com.groundwork.knowledge.Embedders;
import com.groundwork.knowledge.Embeddings;
import com.groundwork.knowledge.KnowledgeIngestion;
import com.groundwork.knowledge.SourceDocument;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Ingests one document: unchanged content (same bytes, same chunking settings) is skipped; otherwise it is parsed,
 * chunked, embedded (reusing the stored vector of any chunk whose embedded text is unchanged) and written in one short
 * transaction. Failures are recorded on the document and rethrown.
 */
@Service
class DocumentIngestion implements KnowledgeIngestion {

	private static final Logger log = LoggerFactory.getLogger(DocumentIngestion.class);

	/** Bump when chunking changes in a way that should re-index every document. */
	private static final String CHUNKER_VERSION = "heading-chunker-1";

	private final TikaDocumentParser parser;

	private final HeadingChunker chunker;

	private final Embeddings embeddings;

	private final ExtraVectors extraVectors;

	private final DocumentRepository documents;

	private final ChunkRepository chunks;

	private final DocumentWriter writer;

	private final String pipelineHash;

	private final Counter embedded;

	private final Counter reused;

	DocumentIngestion(TikaDocumentParser parser, Embedders embedders, DocumentRepository documents,
			ChunkRepository chunks, DocumentWriter writer, KnowledgeSettings settings, MeterRegistry meters) {
		this.parser = parser;
		this.embeddings = embedders.primary();
		this.extraVectors = new ExtraVectors(embedders.extras(), chunks);
		this.documents = documents;
		this.chunks = chunks;
		this.writer = writer;
		this.chunker = new HeadingChunker(embeddings::countTokens, settings.chunk());
		var budget = settings.chunk();
		// The further models are part of it: adding one re-indexes folder documents (their primary vectors reused).
		this.pipelineHash = Hashes.sha256(String.join("|", CHUNKER_VERSION, extraVectors.modelNames(OnnxEmbeddings.MODEL),
				String.valueOf(budget.targetTokens()), String.valueOf(budget.maxTokens()),
				String.valueOf(budget.overlapTokens()), PassageText.forEmbedding("path", "text")));
		this.embedded = Counter.builder("groundwork.knowledge.passages")
			.tag("embedding", "computed")
			.description("Passages embedded by the model")
			.register(meters);
		this.reused = Counter.builder("groundwork.knowledge.passages")
			.tag("embedding", "reused")
			.description("Passages whose stored embedding was reused because their text was unchanged")
			.register(meters);
	}

	/** Documents ingested through this API are uploads: folder sync never removes them. */
	@Override
	public IngestionOutcome ingest(TenantId tenant, SourceDocument document) {
		return ingest(tenant, document, Origin.UPLOAD);
	}

	IngestionOutcome ingest(TenantId tenant, SourceDocument document, Origin origin) {
		long started = System.nanoTime();
		var source = document.source();
		// Refused before anything is read or recorded.
		checkSize(source, document.content().length);
		var contentHash = Hashes.sha256(document.content());
		var existing = documents.findBySource(tenant, source);
		if (existing.isPresent() && existing.get().isCurrent(contentHash, pipelineHash)) {
			// A newer version may have failed meanwhile; this content is the indexed one, so that error is moot.
			documents.clearError(tenant, existing.get().id());
			return new IngestionOutcome(existing.get().id(), source, IngestionOutcome.Status.UNCHANGED,
					existing.get().chunkCount());
		}
		var documentId = begin(tenant, source, origin, contentHash, document.content().length);
		try {
			var parsed = parser.parse(document);
			var drafts = chunker.chunk(parsed.metadata().title(), parsed.blocks());
			if (drafts.isEmpty()) {
				throw new DocumentRejectedException(source, DocumentRejectedException.Reason.UNPARSABLE,
						source + ": it contains no text to index (a scanned PDF needs OCR before it is uploaded)");
			}
			var stored = embed(tenant, documentId, drafts);
			writer.replace(tenant, documentId, parsed, contentHash, pipelineHash, document.content().length, stored);
			log.info("Indexed {} for tenant {}: {} chunks in {} ms", source, tenant,
					stored.size(), (System.nanoTime() - started) / 1_000_000);
			return new IngestionOutcome(documentId, source, IngestionOutcome.Status.INDEXED, stored.size());
		}
		catch (DocumentRejectedException ex) {
			writer.fail(tenant, documentId, ex.getMessage());
			throw ex;
		}
		catch (RuntimeException ex) {
			writer.fail(tenant, documentId, source + ": indexing failed unexpectedly; try again, and report it if it persists");
			throw ex;
		}
	}

	/**
	 * Refuses a document by its size alone, before it is loaded.
	 * @throws DocumentRejectedException (TOO_LARGE) when it is over groundwork.knowledge.max-document-size
	 */
	void checkSize(String source, long size) {
		parser.checkSize(source, size);
	}

	private UUID begin(TenantId tenant, String source, Origin origin, String contentHash, long size) {
		try {
			return writer.begin(tenant, source, origin, contentHash, pipelineHash, size);
		}
		catch (DuplicateKeyException ex) {
			// Another ingest created the row a moment ago: take the existing row.
			return writer.begin(tenant, source, origin, contentHash, pipelineHash, size);
		}
	}

	/**
	 * Chunks with their vectors. A chunk's id derives from its document, its embedded text and which occurrence of
	 * that text it is, so a chunk whose text survives an edit keeps its id (and its citations stay valid).
	 */
	private List<StoredChunk> embed(TenantId tenant, UUID documentId, List<ChunkDraft> drafts) {
		var keys = drafts.stream()
			.map(draft -> Hashes.sha256(OnnxEmbeddings.MODEL + "\n" + PassageText.forEmbedding(draft.headingPath(), draft.text())))
			.toList();
		var vectors = new HashMap<>(chunks.embeddingsByKey(tenant, keys));
		var missing = new LinkedHashMap<String, String>();
		for (int i = 0; i < drafts.size(); i++) {
			if (!vectors.containsKey(keys.get(i))) {
				missing.putIfAbsent(keys.get(i), PassageText.forEmbedding(drafts.get(i).headingPath(), drafts.get(i).text()));
			}
		}
		var computed = embeddings.embedPassages(List.copyOf(missing.values()));
		var missingKeys = List.copyOf(missing.keySet());
		for (int m = 0; m < missingKeys.size(); m++) {
			vectors.put(missingKeys.get(m), computed.get(m));
		}
		embedded.increment(missing.size());
		reused.increment(drafts.size() - missing.size());

		var extras = extraVectors.of(tenant, drafts.stream().map(d -> PassageText.forEmbedding(d.headingPath(), d.text())).toList());

		var occurrences = new HashMap<String, Integer>();
		var stored = new ArrayList<StoredChunk>(drafts.size());
		for (int i = 0; i < drafts.size(); i++) {
			var draft = drafts.get(i);
			var key = keys.get(i);
			int occurrence = occurrences.merge(key, 1, Integer::sum);
			var id = UUID.nameUUIDFromBytes((documentId + "/" + key + "/" + occurrence).getBytes(StandardCharsets.UTF_8));
			stored.add(new StoredChunk(id, draft.ordinal(), draft.headingPath(), draft.text(), draft.tokens(),
					Hashes.sha256(draft.text()), key, vectors.get(key), extras.get(i)));
		}
		return stored;
	}
}
