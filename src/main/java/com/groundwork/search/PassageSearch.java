package com.groundwork.search;

import java.util.List;

/**
 * Hybrid search over the knowledge of one tenant: BM25 and vector search run concurrently, each with the tenant and the
 * filters applied inside it, and their candidates are fused.
 */
public interface PassageSearch {

	/** Passages best first, at most {@code query.k()}. */
	List<Passage> search(SearchQuery query);
}
