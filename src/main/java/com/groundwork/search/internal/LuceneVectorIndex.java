package com.groundwork.search.internal;

import com.groundwork.identity.TenantId;
import com.groundwork.search.SearchFilters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.DoubleValuesSource;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;

/**
 * Vectors in the same Lucene documents as the text (written by {@link LuceneChunkIndex}, so one atomic update covers
 * both). The tenant and metadata filter is applied inside the search: when it admits few chunks (up to
 * {@code hnsw.exact-below}), they are all scored exactly, which is both exact and cheaper than walking the graph
 * around the excluded ones; otherwise the filter goes into {@link KnnFloatVectorQuery}, which walks the HNSW graph
 * accepting only admitted chunks. Either way a selective filter still yields {@code depth} results.
 */
class LuceneVectorIndex implements VectorIndex {

	private static final Comparator<Hit> WORST_FIRST = Comparator.comparingDouble(Hit::score)
		.thenComparing(Comparator.comparingInt(Hit::doc).reversed());

	private final int efSearch;

	private final int exactBelow;

	LuceneVectorIndex(SearchSettings settings) {
		this.efSearch = settings.hnsw().efSearch();
		this.exactBelow = settings.hnsw().exactBelow();
	}

	@Override
	public List<Hit> search(IndexSearcher searcher, TenantId tenant, SearchFilters filters, Query filter,
			VectorModel model, float[] vector, int depth) {
		var target = ChunkFields.unit(vector);
		try {
			if (searcher.count(filter) <= exactBelow) {
				return exact(searcher, filter, model.field(), target, depth);
			}
			// k is also the graph search's beam: ask for at least ef-search and keep the best depth.
			var query = new KnnFloatVectorQuery(model.field(), target, Math.max(depth, efSearch), filter);
			var top = searcher.search(query, depth);
			var hits = new ArrayList<Hit>(top.scoreDocs.length);
			for (var scoreDoc : top.scoreDocs) {
				hits.add(new Hit(scoreDoc.doc, ChunkFields.cosine(scoreDoc.score)));
			}
			return hits;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Vector search failed", ex);
		}
	}

	/** Scores every admitted chunk against the query vector; the best {@code depth}, best first. */
	@Override
	public Map<Integer, float[]> vectors(IndexSearcher searcher, VectorModel model, int[] docs) {
		var vectors = new HashMap<Integer, float[]>(docs.length * 2);
		var leaves = searcher.getIndexReader().leaves();
		try {
			for (int doc : docs) {
				var leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
				var values = leaf.reader().getFloatVectorValues(model.field());
				if (values == null) {
					continue;
				}
				var iterator = values.iterator();
				if (iterator.advance(doc - leaf.docBase) == doc - leaf.docBase) {
					vectors.put(doc, values.vectorValue(iterator.index()).clone());
				}
			}
			return vectors;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read stored vectors", ex);
		}
	}

	private static List<Hit> exact(IndexSearcher searcher, Query filter, String field, float[] target, int depth)
			throws IOException {
		var weight = searcher.createWeight(searcher.rewrite(filter), ScoreMode.COMPLETE_NO_SCORES, 1);
		var best = new PriorityQueue<Hit>(depth + 1, WORST_FIRST);
		for (var leaf : searcher.getIndexReader().leaves()) {
			var scorer = weight.scorer(leaf);
			if (scorer == null || leaf.reader().getFloatVectorValues(field) == null) {
				continue;
			}
			var similarity = DoubleValuesSource.similarityToQueryVector(leaf, target, field);
			var liveDocs = leaf.reader().getLiveDocs();
			var docs = scorer.iterator();
			for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
				if ((liveDocs == null || liveDocs.get(doc)) && similarity.advanceExact(doc)) {
					best.add(new Hit(leaf.docBase + doc, ChunkFields.cosine((float) similarity.doubleValue())));
					if (best.size() > depth) {
						best.poll();
					}
				}
			}
		}
		var hits = new ArrayList<>(best);
		hits.sort(WORST_FIRST.reversed());
		return hits;
	}
}
