package com.groundwork.knowledge;

import java.util.List;

/**
 * The embedding models this deployment indexes and searches with ({@code groundwork.search.embedders}): the primary
 * model first, whose vector every chunk has, then any further models whose vectors search fuses beside it.
 */
public interface Embedders {

	/** The primary model: every chunk's {@link KnowledgeChunk#embedding()}. */
	Embeddings primary();

	/** Further models, in configured order; their vectors are {@link KnowledgeChunk#extraEmbeddings()}. */
	List<Embeddings> extras();

	/** The primary model, then the extras. */
	default List<Embeddings> all() {
		var all = new java.util.ArrayList<Embeddings>(1 + extras().size());
		all.add(primary());
		all.addAll(extras());
		return List.copyOf(all);
	}
}
