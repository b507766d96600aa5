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
 * The search behind {@link PassageSearch}: on one searcher (one consistent view of the index), each embedding model's
 * vector search (query embedding, then nearest neighbours) runs on a virtual thread while BM25 runs on the caller's;
 * each fetches {@code candidates} chunks with the tenant and filters inside, the lists are fused and the top k are
 * loaded with highlighted snippets. With pseudo-relevance feedback on, the first round's best chunks reshape the
 * queries (Rocchio for vectors, RM3 for BM25) and a second round is fused instead. Recent results on the same view of
 * the index are answered again without searching.
 */
class HybridPassageSearch implements PassageSearch, AutoCloseable {

	/** One embedding model's side of the search: where its vectors are and how its queries are embedded. */
	record VectorSide(VectorModel model, QueryEmbeddings queries) {
	}

	private final LuceneChunkIndex index;

	private final LexicalSearch lexical;

	private final VectorIndex vectors;

	/** The primary model's side first. */
	private final List<VectorSide> sides;

	private final HitFusion fusion;

	private final SnippetHighlighter snippets;

	private final int candidates;

	private final RecentResults recent;

	private final RelevanceFeedback feedback;

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	HybridPassageSearch(LuceneChunkIndex index, LexicalSearch lexical, VectorIndex vectors,
			QueryEmbeddings queryEmbeddings, HitFusion fusion, SnippetHighlighter snippets, int candidates, RecentResults recent) {
		this(index, lexical, vectors, List.of(new VectorSide(VectorModel.PRIMARY, queryEmbeddings)), fusion, snippets,
				candidates, recent, new RelevanceFeedback(SearchSettings.Feedback.NONE, index.analyzers()));
	}

	HybridPassageSearch(LuceneChunkIndex index, LexicalSearch lexical, VectorIndex vectors, List<VectorSide> sides,
			HitFusion fusion, SnippetHighlighter snippets, int candidates, RecentResults recent,
			RelevanceFeedback feedback) {
		if (sides.isEmpty() || !sides.getFirst().model().primary()) {
			throw new IllegalArgumentException("the primary model's vector side comes first");
		}
		this.index = index;
		this.lexical = lexical;
		this.vectors = vectors;
		this.sides = List.copyOf(sides);
		this.fusion = fusion;
		this.snippets = snippets;
		this.candidates = candidates;
		this.recent = recent;
		this.feedback = feedback;
	}

	@Override
	public List<Passage> search(SearchQuery query) {
		var searcher = index.acquire();
		try {
			var known = recent.get(searcher.getIndexReader(), query);
			if (known != null) {
				return known;
			}
			var round = new Round(searcher, query);
			var scoring = lexical.query(query.text(), query.language());
			var queryVectors = query.retrieval() == Retrieval.LEXICAL ? List.<Future<float[]>>of()
					: sides.stream().map(side -> executor.submit(() -> side.queries().embed(query.text()))).toList();
			var fused = round.run(scoring, queryVectors);
			var settings = feedback.settings();
			if (settings.mode() != SearchSettings.FeedbackMode.NONE && !fused.isEmpty()) {
				var top = fused.subList(0, Math.min(settings.docs(), fused.size())).stream().mapToInt(FusedHit::doc).toArray();
				var expanded = settings.rm3() ? scoring.map(original -> feedback.expand(searcher, original, top)) : scoring;
				var movedVectors = !settings.rocchio() ? queryVectors : moved(searcher, queryVectors, top);
				fused = round.run(expanded, movedVectors);
			}
			var passages = passages(searcher, fused.subList(0, Math.min(query.k(), fused.size())), scoring,
					query.explain());
			return recent.put(searcher.getIndexReader(), query, passages);
		}
		finally {
			index.release(searcher);
		}
	}

	/** Each side's query vector moved toward its vectors of the feedback chunks (Rocchio). */
	private List<Future<float[]>> moved(IndexSearcher searcher, List<Future<float[]>> queryVectors, int[] top) {
		var moved = new ArrayList<Future<float[]>>(queryVectors.size());
		for (int i = 0; i < queryVectors.size(); i++) {
			var side = sides.get(i);
			var stored = vectors.vectors(searcher, side.model(), top).values();
			moved.add(CompletableFuture.completedFuture(feedback.rocchio(await(queryVectors.get(i)), stored)));
		}
		return moved;
	}

	/** One round of searches of one query: every side's search, then fusion. */
	private final class Round {

		private final IndexSearcher searcher;

		private final SearchQuery query;

		private final Query filter;

		private final int depth;

		Round(IndexSearcher searcher, SearchQuery query) {
			this.searcher = searcher;
			this.query = query;
			this.filter = FilterQueries.of(query.tenant(), query.filters());
			this.depth = Math.max(candidates, query.k());
		}

		List<FusedHit> run(Optional<Query> scoring, List<Future<float[]>> queryVectors) {
			var vectorHits = new ArrayList<Future<List<Hit>>>(queryVectors.size());
			for (int i = 0; i < queryVectors.size(); i++) {
				var side = sides.get(i);
				var queryVector = queryVectors.get(i);
				vectorHits.add(executor.submit(() -> vectors.search(searcher, query.tenant(), query.filters(), filter,
						side.model(), await(queryVector), depth)));
			}
			List<Hit> lexicalHits = query.retrieval() == Retrieval.VECTOR || scoring.isEmpty() ? List.of()
					: lexical.search(searcher, scoring.get(), filter, depth);
			return switch (query.retrieval()) {
				case HYBRID -> fusion.fuse(lexicalHits, await(vectorHits.getFirst()),
						vectorHits.subList(1, vectorHits.size()).stream().map(HybridPassageSearch::await).toList());
				case LEXICAL -> HitFusion.single(lexicalHits, true);
				// Several models: fused among themselves, without BM25.
				case VECTOR -> vectorHits.size() == 1 ? HitFusion.single(await(vectorHits.getFirst()), false)
						: fusion.fuse(List.of(), await(vectorHits.getFirst()),
								vectorHits.subList(1, vectorHits.size()).stream().map(HybridPassageSearch::await).toList());
			};
		}
	}

	private static <T> T await(Future<T> result) {
		try {
			return result.get();
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
