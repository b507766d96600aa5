package com.groundwork.search.internal;

import com.groundwork.identity.TenantId;
import com.groundwork.knowledge.KnowledgeChunk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chunks of every tenant in one Lucene index: BM25 text fields, metadata filter fields and, with the Lucene vector
 * store, the HNSW vector field. One {@link IndexWriter}; searches use near-real-time searchers from a
 * {@link SearcherManager}. A document's chunks are replaced with one {@code updateDocuments} call, which Lucene applies
 * atomically: a searcher sees all old chunks or all new ones.
 */
class LuceneChunkIndex implements ChunkProjection, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(LuceneChunkIndex.class);

	/** Bump when the document layout changes; a different marker makes start-up rebuild the index. */
	private static final int LAYOUT_VERSION = 3;

	static final String MARKER_KEY = "groundwork.search.layout";

	private final LanguageAnalyzers analyzers;

	private final BM25Similarity similarity;

	private final boolean withVectors;

	/** Further models whose vectors (where a chunk has them) go beside the primary one's, each in its own field. */
	private final List<VectorModel> extras;

	private final String marker;

	private final Directory directory;

	private final IndexWriter writer;

	private final SearcherManager searchers;

	private final ReentrantLock commitLock = new ReentrantLock();

	private final Condition committed = commitLock.newCondition();

	private boolean committing;

	private final Duration commitWindow;

	/** Every writer operation with a sequence number up to this one is in a commit (on disk) and searchable. */
	private long durableSeqNo = -1;

	LuceneChunkIndex(SearchSettings settings, int dimensions) {
		this(settings, dimensions, List.of());
	}

	LuceneChunkIndex(SearchSettings settings, int dimensions, List<VectorModel> extras) {
		var lexical = settings.lexical();
		this.analyzers = new LanguageAnalyzers(lexical.analyzer());
		this.similarity = new BM25Similarity(lexical.k1(), lexical.b());
		this.withVectors = settings.vectorStore() == SearchSettings.VectorStore.LUCENE;
		this.extras = withVectors ? List.copyOf(extras) : List.of();
		this.commitWindow = settings.commitWindow();
		this.marker = "v" + LAYOUT_VERSION + ";analyzer=" + lexical.analyzer().name().toLowerCase(java.util.Locale.ROOT)
				+ ";languages=" + String.join(",", LanguageAnalyzers.LANGUAGES)
				+ ";vectors=" + (withVectors ? "lucene:" + dimensions : "none")
				+ this.extras.stream().map(extra -> "+" + extra.name()).collect(java.util.stream.Collectors.joining());
		try {
			Files.createDirectories(settings.indexDir());
			this.directory = FSDirectory.open(settings.indexDir());
			var config = new IndexWriterConfig(analyzers.english()).setSimilarity(similarity)
				.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
				// large enough that a rebuild of 100k chunks flushes few segments (one HNSW graph each to search)
				.setRAMBufferSizeMB(256);
			this.writer = new IndexWriter(directory, config);
			this.searchers = new SearcherManager(writer, new SearcherFactory() {
				@Override
				public IndexSearcher newSearcher(org.apache.lucene.index.IndexReader reader,
						org.apache.lucene.index.IndexReader previous) {
					var searcher = new IndexSearcher(reader);
					searcher.setSimilarity(similarity);
					return searcher;
				}
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot open the search index at " + settings.indexDir(), ex);
		}
		log.info("Search index at {} ({} chunks, {})", settings.indexDir(), writer.getDocStats().numDocs, marker);
	}

	@Override
	public String name() {
		return "lucene";
	}

	/** The analysis of each language: chunks are indexed in theirs, queries are analyzed to match. */
	LanguageAnalyzers analyzers() {
		return analyzers;
	}

	@Override
	public Pending apply(TenantId tenant, UUID documentId, List<KnowledgeChunk> chunks) {
		var key = ChunkFields.documentKey(tenant, documentId);
		try {
			long seqNo = chunks.isEmpty() ? writer.deleteDocuments(key)
					: writer.updateDocuments(key, chunks.stream().map(this::toDocument).toList());
			return () -> {
				try {
					awaitDurable(seqNo);
				}
				catch (IOException ex) {
					throw new UncheckedIOException("Cannot commit the search index", ex);
				}
			};
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot update document " + documentId + " in the search index", ex);
		}
	}

	private org.apache.lucene.document.Document toDocument(KnowledgeChunk chunk) {
		if (withVectors && chunk.embedding().length == 0) {
			throw new IllegalArgumentException("chunk " + chunk.chunkId() + " has no embedding");
		}
		var doc = ChunkFields.toDocument(chunk, withVectors, analyzers);
		for (var extra : extras) {
			var vector = chunk.extraEmbeddings().get(extra.name());
			if (vector != null) {
				doc.add(new org.apache.lucene.document.KnnFloatVectorField(extra.field(), ChunkFields.unit(vector),
						ChunkFields.SIMILARITY));
			}
		}
		return doc;
	}

	/**
	 * Group commit: the first caller waits the commit window (so that changes arriving meanwhile share the commit),
	 * commits everything written so far and refreshes the searchers; callers whose change is in that commit return
	 * with it. One flush and fsync cover many events.
	 */
	private void awaitDurable(long seqNo) throws IOException {
		commitLock.lock();
		try {
			while (durableSeqNo < seqNo) {
				if (committing) {
					committed.awaitUninterruptibly();
					continue;
				}
				committing = true;
				commitLock.unlock();
				long upTo = -1;
				try {
					pause(commitWindow);
					// every operation that completed before commit() starts is in the commit
					long completed = writer.getMaxCompletedSequenceNumber();
					upTo = Math.max(completed, writer.commit());
					searchers.maybeRefreshBlocking();
				}
				finally {
					commitLock.lock();
					committing = false;
					durableSeqNo = Math.max(durableSeqNo, upTo);
					committed.signalAll();
				}
			}
		}
		finally {
			commitLock.unlock();
		}
	}

	private static void pause(Duration window) {
		if (!window.isZero()) {
			try {
				Thread.sleep(window);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean needsRebuild() {
		var stored = storedMarker();
		return !marker.equals(stored) || writer.getDocStats().numDocs == 0;
	}

	private String storedMarker() {
		for (Map.Entry<String, String> entry : Objects.requireNonNullElse(writer.getLiveCommitData(),
				List.<Map.Entry<String, String>>of())) {
			if (MARKER_KEY.equals(entry.getKey())) {
				return entry.getValue();
			}
		}
		return "";
	}

	@Override
	public void startRebuild() {
		try {
			// Any commit before finishRebuild (a crash, a failure) leaves a marker that asks for another rebuild.
			writer.setLiveCommitData(Map.of(MARKER_KEY, "rebuilding").entrySet());
			writer.deleteAll();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot clear the search index", ex);
		}
	}

	@Override
	public void add(KnowledgeChunk chunk) {
		try {
			writer.addDocument(toDocument(chunk));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot add chunk " + chunk.chunkId() + " to the search index", ex);
		}
	}

	@Override
	public void finishRebuild() {
		try {
			// A rebuilt index is searched far more than it changes: one segment means one graph walk per query.
			writer.forceMerge(1);
			writer.setLiveCommitData(Map.of(MARKER_KEY, marker).entrySet());
			writer.commit();
			searchers.maybeRefreshBlocking();
			var searcher = acquire();
			try {
				log.info("Search index rebuilt: {} chunks in {} segments", searcher.getIndexReader().numDocs(),
						searcher.getIndexReader().leaves().size());
			}
			finally {
				release(searcher);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot commit the rebuilt search index", ex);
		}
	}

	/** A searcher on the latest refreshed state; give it back with {@link #release}. */
	IndexSearcher acquire() {
		try {
			return searchers.acquire();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot open a searcher on the search index", ex);
		}
	}

	void release(IndexSearcher searcher) {
		try {
			searchers.release(searcher);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot release a searcher", ex);
		}
	}

	int size() {
		return writer.getDocStats().numDocs;
	}

	/** The values of one metadata field that the tenant's chunks carry, sorted (for "allowed values" in errors). */
	TreeSet<String> valuesOf(TenantId tenant, String field) {
		var searcher = acquire();
		try {
			var tenantTerm = new TermQuery(new Term(ChunkFields.TENANT, tenant.value().toString()));
			var values = new TreeSet<String>();
			for (var leaf : searcher.getIndexReader().leaves()) {
				var terms = leaf.reader().terms(field);
				if (terms == null) {
					continue;
				}
				TermsEnum iterator = terms.iterator();
				for (BytesRef term = iterator.next(); term != null; term = iterator.next()) {
					var value = term.utf8ToString();
					if (value.isEmpty() || values.contains(value)) {
						continue;
					}
					var query = new BooleanQuery.Builder().add(tenantTerm, Occur.FILTER)
						.add(new TermQuery(new Term(field, value)), Occur.FILTER)
						.build();
					if (searcher.count(query) > 0) {
						values.add(value);
					}
				}
			}
			return values;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the values of " + field, ex);
		}
		finally {
			release(searcher);
		}
	}

	@Override
	public void close() throws IOException {
		searchers.close();
		writer.close();
		directory.close();
		analyzers.close();
	}

	/** For tests: how many chunks a fresh reader on the last commit sees. */
	int committedSize() throws IOException {
		try (var reader = DirectoryReader.open(directory)) {
			return reader.numDocs();
		}
	}
}
