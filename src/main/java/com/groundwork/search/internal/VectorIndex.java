package com.groundwork.search.internal;

import com.groundwork.identity.TenantId;
import com.groundwork.search.SearchFilters;
import java.util.List;
import java.util.Map;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;

/**
 * Nearest-neighbour search over chunk embeddings with the tenant and metadata filters applied inside the search:
 * Lucene's HNSW graph (embedded default) or pgvector's HNSW index ({@code postgres} profile).
 */
interface VectorIndex {

	/**
	 * The {@code depth} chunks closest to {@code vector} among those the filters admit, best first, as documents of
	 * {@code searcher} (the searcher the lexical search of the same query runs on), scored by cosine similarity.
	 */
	List<Hit> search(IndexSearcher searcher, TenantId tenant, SearchFilters filters, Query filter, VectorModel model,
			float[] vector, int depth);

	/** The primary model's search. */
	default List<Hit> search(IndexSearcher searcher, TenantId tenant, SearchFilters filters, Query filter,
			float[] vector, int depth) {
		return search(searcher, tenant, filters, filter, VectorModel.PRIMARY, vector, depth);
	}

	/** The stored vectors of {@code docs} (documents of {@code searcher}) by {@code model}; a doc without one is absent. */
	Map<Integer, float[]> vectors(IndexSearcher searcher, VectorModel model, int[] docs);
}
