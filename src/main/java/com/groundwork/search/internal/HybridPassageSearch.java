package com.groundwork.search.internal;

import com.groundwork.knowledge.PassageMetadata;
import com.groundwork.search.Passage;
import com.groundwork.search.PassageSearch;
import com.groundwork.search.SearchQuery;
import com.groundwork.search.SearchQuery.Retrieval;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.lucene.document.Document;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;

/**
 * The search behind {@link PassageSearch}: on one searcher (one consistent view of the index), the vector search
 * (query embedding, then nearest neighbours) runs on a virtual thread while BM25 runs on the caller's; each fetches
 * {@code candidates} chunks with the tenant and filters inside, the two lists are fused and the top k are loaded with
 * highlighted snippets. Recent results on the same view of the index are answered again without searching.
 */
class HybridPassageSearch implements PassageSearch, AutoCloseable {

	private final LuceneChunkIndex index;

	private final LexicalSearch lexical;

	private final VectorIndex vectors;

	private final QueryEmbeddings queryEmbeddings;

	private final HitFusion fusion;

	private final SnippetHighlighter snippets;

	private final int candidates;

	private final RecentResults recent;

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	HybridPassageSearch(LuceneChunkIndex index, LexicalSearch lexical, VectorIndex vectors,
			QueryEmbeddings queryEmbeddings, HitFusion fusion, SnippetHighlighter snippets, int candidates, RecentResults recent) {
		this.index = index;
		this.lexical = lexical;
		this.vectors = vectors;
		this.queryEmbeddings = queryEmbeddings;
		this.fusion = fusion;
		this.snippets = snippets;
		this.candidates = candidates;
		this.recent = recent;
	}

	@Override
	public List<Passage> search(SearchQuery query) {
		var searcher = index.acquire();
		try {
			var known = recent.get(searcher.getIndexReader(), query);
			if (known != null) {
				return known;
			}
			var filter = FilterQueries.of(query.tenant(), query.filters());
			int depth = Math.max(candidates, query.k());
			var scoring = lexical.query(query.text(), query.language());
			Future<List<Hit>> vectorHits = query.retrieval() == Retrieval.LEXICAL
					? CompletableFuture.completedFuture(List.of())
					: executor.submit(() -> vectors.search(searcher, query.tenant(), query.filters(), filter,
							queryEmbeddings.embed(query.text()), depth));
			List<Hit> lexicalHits = query.retrieval() == Retrieval.VECTOR || scoring.isEmpty() ? List.of()
					: lexical.search(searcher, scoring.get(), filter, depth);
			var fused = switch (query.retrieval()) {
				case HYBRID -> fusion.fuse(lexicalHits, await(vectorHits));
				case LEXICAL -> HitFusion.single(lexicalHits, true);
				case VECTOR -> HitFusion.single(await(vectorHits), false);
			};
			var passages = passages(searcher, fused.subList(0, Math.min(query.k(), fused.size())), scoring,
					query.explain());
			return recent.put(searcher.getIndexReader(), query, passages);
		}
		finally {
			index.release(searcher);
		}
	}

	private static List<Hit> await(Future<List<Hit>> hits) {
		try {
			return hits.get();
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException("Vector search failed", ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while searching", ex);
		}
	}

	private List<Passage> passages(IndexSearcher searcher, List<FusedHit> top, Optional<Query> scoring,
			boolean explain) {
		var docs = top.stream().mapToInt(FusedHit::doc).toArray();
		var highlighted = snippets.snippets(searcher, scoring, docs);
		try {
			var stored = searcher.storedFields();
			var passages = new ArrayList<Passage>(top.size());
			for (int i = 0; i < top.size(); i++) {
				var hit = top.get(i);
				Document doc = stored.document(hit.doc(), ChunkFields.STORED);
				var metadata = new PassageMetadata(doc.get("type"), doc.get("product"), doc.get("industry"),
						doc.get("region"), doc.get("language"), doc.get("visibility"));
				passages.add(new Passage(UUID.fromString(doc.get(ChunkFields.DOCUMENT_ID)),
						UUID.fromString(doc.get(ChunkFields.CHUNK_ID)), doc.get(ChunkFields.DOCUMENT_TITLE),
						doc.get(ChunkFields.HEADING_PATH), doc.get(ChunkFields.BODY), highlighted[i],
						doc.get(ChunkFields.CONTENT_HASH), metadata, explain ? hit.lexical() : Optional.empty(),
						explain ? hit.vector() : Optional.empty(), hit.score()));
			}
			return passages;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot load search results", ex);
		}
	}

	@Override
	public void close() {
		executor.close();
	}
}
