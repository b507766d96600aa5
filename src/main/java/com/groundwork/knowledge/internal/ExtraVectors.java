package com.groundwork.knowledge.internal;

import com.groundwork.identity.TenantId;
import com.groundwork.knowledge.Embeddings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Stream;

/**
 * The further models' vectors of a document's passages: like the primary vector, a passage whose exact text a model
 * embedded before (same tenant) reuses the stored vector, so re-indexing an edited document embeds only what changed.
 */
final class ExtraVectors {

	/** One further model's vector of a passage, with the key that lets an unchanged text reuse it. */
	record Vector(String model, String key, float[] vector) {
	}

	private final List<Embeddings> models;

	private final ChunkRepository chunks;

	ExtraVectors(List<Embeddings> models, ChunkRepository chunks) {
		this.models = List.copyOf(models);
		this.chunks = chunks;
	}

	/** The primary model's name followed by the further ones', as they enter the ingestion pipeline's hash. */
	String modelNames(String primary) {
		return String.join("+", Stream.concat(Stream.of(primary), models.stream().map(Embeddings::name)).toList());
	}

	/** For each text, in order, its vectors by every further model (empty lists when there are none). */
	List<List<Vector>> of(TenantId tenant, List<String> texts) {
		var result = new ArrayList<List<Vector>>(texts.size());
		texts.forEach(text -> result.add(new ArrayList<>(models.size())));
		for (var model : models) {
			var keys = texts.stream().map(text -> key(model.name(), text)).toList();
			var vectors = new HashMap<>(chunks.extraVectorsByKey(tenant, model.name(), keys));
			var missing = new LinkedHashMap<String, String>();
			for (int i = 0; i < texts.size(); i++) {
				if (!vectors.containsKey(keys.get(i))) {
					missing.putIfAbsent(keys.get(i), texts.get(i));
				}
			}
			var computed = model.embedPassages(List.copyOf(missing.values()));
			var missingKeys = List.copyOf(missing.keySet());
			for (int m = 0; m < missingKeys.size(); m++) {
				vectors.put(missingKeys.get(m), computed.get(m));
			}
			for (int i = 0; i < texts.size(); i++) {
				result.get(i).add(new Vector(model.name(), keys.get(i), vectors.get(keys.get(i))));
			}
		}
		return result;
	}

	static String key(String model, String text) {
		return Hashes.sha256(model + "\n" + text);
	}
}
