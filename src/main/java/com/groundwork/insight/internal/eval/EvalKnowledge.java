package com.groundwork.insight.internal.eval;

import com.groundwork.identity.TenantId;
import com.groundwork.knowledge.Embeddings;
import com.groundwork.knowledge.KnowledgeChunk;
import com.groundwork.knowledge.KnowledgeChunks;
import com.groundwork.knowledge.PassageMetadata;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chunks table as the evaluation sees it, standing in for the knowledge module's: each BEIR document is one chunk
 * (title as heading path, title and text embedded together with the production {@link Embeddings}). The search module
 * reads it exactly as it reads the real table: {@code forEachChunk} when it rebuilds its index at start-up,
 * {@code chunksOf} when a {@code DocumentIndexed} event arrives.
 */
final class EvalKnowledge implements KnowledgeChunks {

	private static final Logger log = LoggerFactory.getLogger(EvalKnowledge.class);

	static final PassageMetadata METADATA = new PassageMetadata("article", "", "", "", "en");

	private final TenantId tenant;

	private final Supplier<Embeddings> embeddings;

	private final Supplier<EmbeddingCache> cache;

	private final int threads;

	/** Documents streamed (and embedded) at the start-up rebuild. */
	private final List<Beir.Document> corpus;

	private volatile int embeddedNow;

	/** Documents "ingested" while running, by document id. */
	private final Map<UUID, List<KnowledgeChunk>> ingested = new ConcurrentHashMap<>();

	EvalKnowledge(TenantId tenant, List<Beir.Document> corpus, Supplier<Embeddings> embeddings, Supplier<EmbeddingCache> cache,
			int threads) {
		this.tenant = tenant;
		this.corpus = List.copyOf(corpus);
		this.embeddings = embeddings;
		this.cache = cache;
		this.threads = threads;
	}

	static UUID documentId(String beirId) {
		return UUID.nameUUIDFromBytes(("beir-document:" + beirId).getBytes(StandardCharsets.UTF_8));
	}

	/** What is embedded for a document: its title and text, as a Markdown document's first chunk would read. */
	static String embeddedText(Beir.Document document) {
		return document.title().isBlank() ? document.text() : document.title() + "\n\n" + document.text();
	}

	KnowledgeChunk chunk(Beir.Document document, float[] vector) {
		var text = document.text().isBlank() ? document.title() : document.text();
		return new KnowledgeChunk(UUID.nameUUIDFromBytes(("beir-chunk:" + document.id()).getBytes(StandardCharsets.UTF_8)),
				documentId(document.id()), tenant, 0, document.title(), document.title(), text, METADATA, vector,
				EmbeddingCache.hash(text));
	}

	/** Stores documents as ingestion would (embedding them without the cache); returns their document ids. */
	List<UUID> ingest(List<Beir.Document> documents) {
		var vectors = embeddings.get().embedPassages(documents.stream().map(EvalKnowledge::embeddedText).toList());
		var ids = new ArrayList<UUID>(documents.size());
		for (int i = 0; i < documents.size(); i++) {
			var chunk = chunk(documents.get(i), vectors.get(i));
			ingested.put(chunk.documentId(), List.of(chunk));
			ids.add(chunk.documentId());
		}
		return ids;
	}

	@Override
	public List<KnowledgeChunk> chunksOf(TenantId tenant, UUID documentId) {
		return this.tenant.equals(tenant) ? ingested.getOrDefault(documentId, List.of()) : List.of();
	}

	/**
	 * Embeds the corpus in batches on {@code threads} worker threads, ahead of the caller, which indexes the chunks in
	 * corpus order meanwhile.
	 */
	@Override
	public void forEachChunk(Consumer<KnowledgeChunk> consumer) {
		if (corpus.isEmpty()) {
			return;
		}
		var model = embeddings.get();
		long started = System.nanoTime();
		int batch = 16;
		try (var executor = Executors.newFixedThreadPool(threads)) {
			var futures = new ArrayList<Future<List<float[]>>>();
			for (int from = 0; from < corpus.size(); from += batch) {
				var slice = corpus.subList(from, Math.min(corpus.size(), from + batch));
				futures.add(executor.submit(() -> embed(model, slice)));
			}
			int done = 0;
			long lastLog = System.nanoTime();
			for (int b = 0; b < futures.size(); b++) {
				var slice = corpus.subList(b * batch, Math.min(corpus.size(), (b + 1) * batch));
				var vectors = futures.get(b).get();
				for (int i = 0; i < slice.size(); i++) {
					consumer.accept(chunk(slice.get(i), vectors.get(i)));
				}
				done += slice.size();
				if (System.nanoTime() - lastLog > 15_000_000_000L || done == corpus.size()) {
					lastLog = System.nanoTime();
					double seconds = (lastLog - started) / 1e9;
					log.info("Indexed {}/{} documents ({} s, {} embedded now, cache {})", done, corpus.size(),
							Math.round(seconds), embeddedNow, cache.get().size());
				}
			}
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Embedding the corpus failed", ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while embedding the corpus", ex);
		}
	}

	private List<float[]> embed(Embeddings model, List<Beir.Document> documents) {
		var vectors = new ArrayList<float[]>(documents.size());
		var missing = new ArrayList<String>();
		var cache = this.cache.get();
		for (var document : documents) {
			var text = embeddedText(document);
			var cached = cache.get(text);
			vectors.add(cached);
			if (cached == null) {
				missing.add(text);
			}
		}
		if (!missing.isEmpty()) {
			var fresh = model.embedPassages(missing).iterator();
			for (int i = 0; i < vectors.size(); i++) {
				if (vectors.get(i) == null) {
					var vector = fresh.next();
					vectors.set(i, vector);
					cache.put(embeddedText(documents.get(i)), vector);
				}
			}
			synchronized (this) {
				embeddedNow += missing.size();
			}
		}
		return vectors;
	}
}
