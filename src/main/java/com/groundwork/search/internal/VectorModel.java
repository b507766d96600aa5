package com.groundwork.search.internal;

import java.util.Locale;

/**
 * One embedding model whose vectors the index holds: the primary model (every chunk has its vector) or a further one
 * ({@code groundwork.search.embedders}). Names where its vectors live in Lucene and in pgvector.
 */
record VectorModel(String name, boolean primary) {

	/** The primary model, whatever its name: its vectors keep the original field and column. */
	static final VectorModel PRIMARY = new VectorModel("primary", true);

	static VectorModel extra(String name) {
		return new VectorModel(name, false);
	}

	/** The Lucene vector field. */
	String field() {
		return primary ? ChunkFields.VECTOR : ChunkFields.VECTOR + "." + name;
	}

	/** The pgvector column of {@code search_vector}: {@code embedding}, or {@code embedding_<name>} with _ for -. */
	String column() {
		return primary ? "embedding" : "embedding_" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
	}
}
