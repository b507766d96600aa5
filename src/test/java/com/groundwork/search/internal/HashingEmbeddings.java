package com.groundwork.search.internal;

import com.groundwork.knowledge.Embeddings;
import java.util.List;
import java.util.Locale;

/**
 * A deterministic bag-of-words embedding (feature hashing, unit length) for tests about index mechanics, where what
 * matters is that similar texts get similar vectors, not the quality of a neural model. Tests about retrieval quality
 * use the real in-process model.
 */
final class HashingEmbeddings implements Embeddings {

	static final int DIMENSIONS = 64;

	private final int dimensions;

	HashingEmbeddings() {
		this(DIMENSIONS);
	}

	HashingEmbeddings(int dimensions) {
		this.dimensions = dimensions;
	}

	@Override
	public String name() {
		return "hashing-" + dimensions;
	}

	@Override
	public int dimensions() {
		return dimensions;
	}

	@Override
	public List<float[]> embedPassages(List<String> passages) {
		return passages.stream().map(text -> vector(text, dimensions)).toList();
	}

	@Override
	public float[] embedQuery(String query) {
		return vector(query, dimensions);
	}

	@Override
	public int countTokens(String text) {
		return text.split("\\s+").length;
	}

	static float[] vector(String text) {
		return vector(text, DIMENSIONS);
	}

	static float[] vector(String text, int dimensions) {
		var vector = new float[dimensions];
		for (var word : text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
			if (!word.isEmpty()) {
				vector[Math.floorMod(word.hashCode(), dimensions)] += 1;
			}
		}
		vector[0] += 0.01f; // never the zero vector
		return ChunkFields.unit(vector);
	}
}
