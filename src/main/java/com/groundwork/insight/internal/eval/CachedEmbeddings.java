package com.groundwork.insight.internal.eval;

import com.groundwork.knowledge.Embeddings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Supplier;

/**
 * The production embedder with the evaluation's {@link EmbeddingCache} in front of its passage embeddings: the
 * knowledge module's ingestion runs unchanged, but a text embedded by an earlier run (same model fingerprint) is not
 * embedded again. Queries go to the model once per process. The cache opens on first use, once the model is loaded.
 */
final class CachedEmbeddings implements Embeddings {

	private final Embeddings model;

	private final Supplier<EmbeddingCache> cache;

	CachedEmbeddings(Embeddings model, Supplier<EmbeddingCache> cache) {
		this.model = model;
		this.cache = cache;
	}

	@Override
	public String name() {
		return model.name();
	}

	@Override
	public int dimensions() {
		return model.dimensions();
	}

	@Override
	public List<float[]> embedPassages(List<String> passages) {
		var cache = this.cache.get();
		var missing = new LinkedHashMap<String, Integer>();
		var vectors = new ArrayList<float[]>(passages.size());
		for (int i = 0; i < passages.size(); i++) {
			var cached = cache.get(passages.get(i));
			vectors.add(cached);
			if (cached == null) {
				missing.putIfAbsent(passages.get(i), i);
			}
		}
		if (!missing.isEmpty()) {
			var texts = List.copyOf(missing.keySet());
			var computed = model.embedPassages(texts);
			for (int i = 0; i < texts.size(); i++) {
				cache.put(texts.get(i), computed.get(i));
			}
			for (int i = 0; i < passages.size(); i++) {
				if (vectors.get(i) == null) {
					vectors.set(i, cache.get(passages.get(i)));
				}
			}
		}
		return vectors;
	}

	/**
	 * Query vectors of this process, by model and text: the configurations of a cross-validation run, each in its own
	 * context, ask the same queries.
	 */
	private static final java.util.Map<String, float[]> QUERIES = new java.util.concurrent.ConcurrentHashMap<>();

	@Override
	public float[] embedQuery(String query) {
		return QUERIES.computeIfAbsent(model.name() + "\n" + query, key -> model.embedQuery(query));
	}

	@Override
	public int countTokens(String text) {
		return model.countTokens(text);
	}
}
