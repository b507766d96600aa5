package com.groundwork.knowledge;

import java.util.List;

/**
 * An in-process embedding model (unit-normalized vectors). The primary one (bge-small-en-v1.5, 384 dimensions) embeds
 * every chunk and counts tokens for the chunker; further ones ({@link Embedders}) add vectors search may fuse.
 * Passages and queries are embedded differently: most retrieval models want a prefix or instruction on queries.
 */
public interface Embeddings {

	/** The model's name as configured ({@code groundwork.search.embedders}) and as stored beside its vectors. */
	String name();

	int dimensions();

	/** Embeds passages in batches; the result is in input order. */
	List<float[]> embedPassages(List<String> passages);

	/** Embeds one search query (with the model's query instruction). */
	float[] embedQuery(String query);

	/** Tokens the model's own tokenizer counts in {@code text}, special tokens excluded. */
	int countTokens(String text);
}
