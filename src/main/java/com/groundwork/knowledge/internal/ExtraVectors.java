package com.groundwork.knowledge.internal;

import com.groundwork.identity.TenantId;
import com.groundwork.knowledge.Embeddings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

	/**
	 * The vectors each further model already has stored for these texts, by key (one map per model, in order): looked
	 * up while another document is embedded, so the models' thread only embeds.
	 */
	List<Map<String, float[]>> stored(TenantId tenant, List<String> texts) {
		return models.stream()
			.map(model -> chunks.extraVectorsByKey(tenant, model.name(),
					texts.stream().map(text -> key(model.name(), text)).toList()))
			.toList();
	}

	/** For each text, in order, its vectors by every further model: the stored ones, the others embedded now. */
	List<List<Vector>> of(List<String> texts, List<Map<String, float[]>> stored) {
		var result = new ArrayList<List<Vector>>(texts.size());
		texts.forEach(text -> result.add(new ArrayList<>(models.size())));
		for (int m = 0; m < models.size(); m++) {
			var model = models.get(m);
			var keys = texts.stream().map(text -> key(model.name(), text)).toList();
			var vectors = new HashMap<>(stored.get(m));
			var missing = new LinkedHashMap<String, String>();
			for (int i = 0; i < texts.size(); i++) {
				if (!vectors.containsKey(keys.get(i))) {
					missing.putIfAbsent(keys.get(i), texts.get(i));
				}
			}
			var computed = model.embedPassages(List.copyOf(missing.values()));
			var missingKeys = List.copyOf(missing.keySet());
			for (int k = 0; k < missingKeys.size(); k++) {
				vectors.put(missingKeys.get(k), computed.get(k));
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
