package com.groundwork.knowledge;

import java.util.List;

/**
 * The in-process embedding model (bge-small-en-v1.5, 384 dimensions, unit-normalized vectors). Passages and queries
 * are embedded differently: bge v1.5 wants an instruction prefix on queries only.
 */
public interface Embeddings {

	int dimensions();

	/** Embeds passages in batches; the result is in input order. */
	List<float[]> embedPassages(List<String> passages);

	/** Embeds one search query (with the model's query instruction). */
	float[] embedQuery(String query);

	/** Tokens the model's own tokenizer counts in {@code text}, special tokens excluded. */
	int countTokens(String text);
}
