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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
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
		var prepared = prepare(tenant, document, origin);
		return prepared.unchanged() != null ? prepared.unchanged() : store(prepared, embed(prepared));
	}

	/** Uploads, pipelined (see the other {@code ingestAll}); the first failure is thrown once all have finished. */
	@Override
	public List<IngestionOutcome> ingestAll(TenantId tenant, List<SourceDocument> documents) {
		var outcomes = new ArrayList<IngestionOutcome>(documents.size());
		var failure = new RuntimeException[1];
		ingestAll(tenant, documents, Origin.UPLOAD, (document, outcome, error) -> {
			if (error != null) {
				if (failure[0] == null) {
					failure[0] = error;
				}
			}
			else {
				outcomes.add(outcome);
			}
		});
		if (failure[0] != null) {
			throw failure[0];
		}
		return outcomes;
	}

	/**
	 * Ingests documents in order, overlapping the model with everything else: while one document is embedded (on the
	 * calling thread), the next is parsed and chunked and the previous one stored and published. Each document ends
	 * as it would alone: with its outcome, or with its failure recorded on it.
	 * @param documents distinct sources (a source's second version could otherwise overtake its first)
	 * @param done told how each document ended, in order, once all have
	 */
	void ingestAll(TenantId tenant, List<SourceDocument> documents, Origin origin, Finished done) {
		if (documents.stream().map(SourceDocument::source).distinct().count() < documents.size()) {
			throw new IllegalArgumentException("a batch must not hold the same source twice");
		}
		if (documents.isEmpty()) {
			return;
		}
		try (var preparing = Executors.newSingleThreadExecutor(stageThreads("knowledge-prepare"));
				var storing = Executors.newSingleThreadExecutor(stageThreads("knowledge-store"))) {
			var results = new ArrayList<CompletableFuture<IngestionOutcome>>(documents.size());
			var next = CompletableFuture.supplyAsync(() -> prepare(tenant, documents.getFirst(), origin), preparing);
			// Stored one after another, in order: a single store thread.
			CompletableFuture<?> lastStore = CompletableFuture.completedFuture(null);
			for (int i = 0; i < documents.size(); i++) {
				CompletableFuture<Prepared> current = next;
				if (i + 1 < documents.size()) {
					var following = documents.get(i + 1);
					// Prepared one ahead only (it waits for this one's preparation), so memory stays bounded.
					next = current.handle((ignored, error) -> null)
						.thenApplyAsync(ignored -> prepare(tenant, following, origin), preparing);
				}
				CompletableFuture<IngestionOutcome> result;
				try {
					var prepared = current.join();
					if (prepared.unchanged() != null) {
						result = CompletableFuture.completedFuture(prepared.unchanged());
					}
					else {
						var stored = embed(prepared);
						result = lastStore.handle((ignored, error) -> null)
							.thenApplyAsync(ignored -> store(prepared, stored), storing);
					}
				}
				catch (CompletionException ex) {
					result = CompletableFuture.failedFuture(ex.getCause());
				}
				catch (RuntimeException ex) {
					result = CompletableFuture.failedFuture(ex);
				}
				lastStore = result;
				results.add(result);
			}
			for (int i = 0; i < documents.size(); i++) {
				try {
					done.finished(documents.get(i), results.get(i).join(), null);
				}
				catch (CompletionException ex) {
					done.finished(documents.get(i), null,
							ex.getCause() instanceof RuntimeException cause ? cause : ex);
				}
			}
		}
	}

	/** How one document of a batch ended: with an outcome, or with the failure that was recorded on it. */
	@FunctionalInterface
	interface Finished {

		void finished(SourceDocument document, @Nullable IngestionOutcome outcome, @Nullable RuntimeException failure);
	}

	private static ThreadFactory stageThreads(String name) {
		return Thread.ofPlatform().name(name).daemon().factory();
	}

	/**
	 * A document parsed and chunked, with the vectors its passages already have, ready to embed; or, when its content
	 * is already indexed, its outcome.
	 */
	private record Prepared(@Nullable IngestionOutcome unchanged, TenantId tenant, @Nullable UUID documentId,
			SourceDocument document, @Nullable ParsedDocument parsed, List<ChunkDraft> drafts, Passages passages,
			String contentHash, long started) {
	}

	/**
	 * What is embedded of each chunk, its key, and the vectors already stored under those keys (the primary model's
	 * and each further model's): looked up ahead, so the thread that runs the models does nothing else.
	 */
	private record Passages(List<String> texts, List<String> keys, Map<String, float[]> stored,
			List<Map<String, float[]>> storedExtras) {

		static final Passages NONE = new Passages(List.of(), List.of(), Map.of(), List.of());
	}

	/** Everything before the model: the unchanged check, the INDEXING mark, parsing and chunking. */
	private Prepared prepare(TenantId tenant, SourceDocument document, Origin origin) {
		long started = System.nanoTime();
		var source = document.source();
		// Refused before anything is read or recorded.
		checkSize(source, document.content().length);
		var contentHash = Hashes.sha256(document.content());
		var existing = documents.findBySource(tenant, source);
		if (existing.isPresent() && existing.get().isCurrent(contentHash, pipelineHash)) {
			// A newer version may have failed meanwhile; this content is the indexed one, so that error is moot.
			documents.clearError(tenant, existing.get().id());
			return new Prepared(new IngestionOutcome(existing.get().id(), source, IngestionOutcome.Status.UNCHANGED,
					existing.get().chunkCount()), tenant, null, document, null, List.of(), Passages.NONE, contentHash,
					started);
		}
		var documentId = begin(tenant, source, origin, contentHash, document.content().length);
		return failingOn(tenant, documentId, source, () -> {
			var parsed = parser.parse(document);
			var drafts = chunker.chunk(parsed.metadata().title(), parsed.blocks());
			if (drafts.isEmpty()) {
				throw new DocumentRejectedException(source, DocumentRejectedException.Reason.UNPARSABLE,
						source + ": it contains no text to index (a scanned PDF needs OCR before it is uploaded)");
			}
			return new Prepared(null, tenant, documentId, document, parsed, drafts, passages(tenant, drafts),
					contentHash, started);
		});
	}

	private List<StoredChunk> embed(Prepared prepared) {
		return failingOn(prepared.tenant(), prepared.documentId(), prepared.document().source(),
				() -> embed(prepared.documentId(), prepared.drafts(), prepared.passages()));
	}

	private IngestionOutcome store(Prepared prepared, List<StoredChunk> stored) {
		var tenant = prepared.tenant();
		var source = prepared.document().source();
		return failingOn(tenant, prepared.documentId(), source, () -> {
			writer.replace(tenant, prepared.documentId(), prepared.parsed(), prepared.contentHash(), pipelineHash,
					prepared.document().content().length, stored);
			log.info("Indexed {} for tenant {}: {} chunks in {} ms", source, tenant, stored.size(),
					(System.nanoTime() - prepared.started()) / 1_000_000);
			return new IngestionOutcome(prepared.documentId(), source, IngestionOutcome.Status.INDEXED, stored.size());
		});
	}

	/** Runs a step of a document's indexing; a failure is recorded on the document and rethrown. */
	private <T> T failingOn(TenantId tenant, UUID documentId, String source, Supplier<T> step) {
		try {
			return step.get();
		}
		catch (DocumentRejectedException ex) {
			recordFailure(tenant, documentId, ex.getMessage(), ex);
			throw ex;
		}
		catch (RuntimeException ex) {
			recordFailure(tenant, documentId,
					source + ": indexing failed unexpectedly; try again, and report it if it persists", ex);
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

	private Passages passages(TenantId tenant, List<ChunkDraft> drafts) {
		var texts = drafts.stream().map(draft -> PassageText.forEmbedding(draft.headingPath(), draft.text())).toList();
		var keys = texts.stream().map(text -> ExtraVectors.key(OnnxEmbeddings.MODEL, text)).toList();
		return new Passages(texts, keys, chunks.embeddingsByKey(tenant, keys), extraVectors.stored(tenant, texts));
	}

	/**
	 * Chunks with their vectors. A chunk's id derives from its document, its embedded text and which occurrence of
	 * that text it is, so a chunk whose text survives an edit keeps its id (and its citations stay valid).
	 */
	private List<StoredChunk> embed(UUID documentId, List<ChunkDraft> drafts, Passages passages) {
		var keys = passages.keys();
		var vectors = new HashMap<>(passages.stored());
		var missing = new LinkedHashMap<String, String>();
		for (int i = 0; i < drafts.size(); i++) {
			if (!vectors.containsKey(keys.get(i))) {
				missing.putIfAbsent(keys.get(i), passages.texts().get(i));
			}
		}
		var computed = embeddings.embedPassages(List.copyOf(missing.values()));
		var missingKeys = List.copyOf(missing.keySet());
		for (int m = 0; m < missingKeys.size(); m++) {
			vectors.put(missingKeys.get(m), computed.get(m));
		}
		embedded.increment(missing.size());
		reused.increment(drafts.size() - missing.size());

		var extras = extraVectors.of(passages.texts(), passages.storedExtras());

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

	/** Marks the document failed; if even that fails (the database is gone), the original error stays the one thrown. */
	private void recordFailure(TenantId tenant, UUID documentId, String message, RuntimeException cause) {
		try {
			writer.fail(tenant, documentId, message);
		}
		catch (RuntimeException recording) {
			cause.addSuppressed(recording);
		}
	}
}
