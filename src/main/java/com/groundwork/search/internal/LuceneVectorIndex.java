package com.groundwork.search.internal;

import com.groundwork.identity.TenantId;
import com.groundwork.search.SearchFilters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;

/**
 * Vectors in the same Lucene documents as the text (written by {@link LuceneChunkIndex}, so one atomic update covers
 * both). The filter goes into {@link KnnFloatVectorQuery}: Lucene walks the graph accepting only admitted chunks and
 * switches to an exact scan when the filter admits few, so a selective filter still yields {@code depth} results.
 */
class LuceneVectorIndex implements VectorIndex {

	private final int efSearch;

	LuceneVectorIndex(SearchSettings settings) {
		this.efSearch = settings.hnsw().efSearch();
	}

	@Override
	public List<Hit> search(IndexSearcher searcher, TenantId tenant, SearchFilters filters, Query filter,
			float[] vector, int depth) {
		// k is also the graph search's beam: ask for at least ef-search and keep the best depth.
		var query = new KnnFloatVectorQuery(ChunkFields.VECTOR, ChunkFields.unit(vector), Math.max(depth, efSearch),
				filter);
		try {
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
}
