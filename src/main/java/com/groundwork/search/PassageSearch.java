package com.groundwork.search;

import java.util.List;

/** Hybrid search over the knowledge of one tenant: BM25 and vector search run concurrently and are fused. */
public interface PassageSearch {

	/** Passages best first, at most {@code query.k()}. */
	List<Passage> search(SearchQuery query);
}
