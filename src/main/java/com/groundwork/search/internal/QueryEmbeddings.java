package com.groundwork.search.internal;

import com.groundwork.knowledge.Embeddings;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Query vectors, remembered for the last few thousand query texts: drafting and campaigns search the same angles for
 * many leads, and embedding a query costs more than searching with it.
 */
class QueryEmbeddings {

	private final Embeddings embeddings;

	private final Map<String, float[]> recent;

	QueryEmbeddings(Embeddings embeddings, int capacity) {
		this.embeddings = embeddings;
		this.recent = new LinkedHashMap<>(Math.max(16, capacity / 4), 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
				return size() > capacity;
			}
		};
	}

	float[] embed(String query) {
		synchronized (recent) {
			var vector = recent.get(query);
			if (vector != null) {
				return vector;
			}
		}
		var vector = embeddings.embedQuery(query);
		synchronized (recent) {
			recent.put(query, vector);
		}
		return vector;
	}
}
