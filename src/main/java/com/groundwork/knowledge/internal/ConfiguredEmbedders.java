package com.groundwork.knowledge.internal;

import com.groundwork.knowledge.Embedders;
import com.groundwork.knowledge.Embeddings;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The models {@code groundwork.search.embedders} names: the primary model (bge-small-en-v1.5, whose vector and
 * tokenizer every chunk has) first, then further in-process models. Each further model costs about one primary
 * model's time per ingested chunk and per uncached query; the retrieval evaluation says what it buys.
 */
@Component
class ConfiguredEmbedders implements Embedders {

	private final Embeddings primary;

	private final List<Embeddings> extras;

	ConfiguredEmbedders(Embeddings primary, EmbeddingSettings settings,
			@Value("${groundwork.search.embedders:" + OnnxEmbeddings.MODEL + "}") List<String> names) {
		this.primary = primary;
		this.extras = extras(names).stream().map(model -> model.load(primary, settings)).toList();
	}

	/** The further models named, validated: the primary first, each model once. */
	static List<ExtraEmbeddingModel> extras(List<String> names) {
		var cleaned = names.stream().map(String::strip).filter(name -> !name.isEmpty()).toList();
		if (cleaned.isEmpty() || !cleaned.getFirst().equals(OnnxEmbeddings.MODEL)) {
			throw new IllegalArgumentException("groundwork.search.embedders must start with " + OnnxEmbeddings.MODEL
					+ " (the model every chunk is stored with), then optionally any of " + ExtraEmbeddingModel.names()
					+ "; got " + names);
		}
		if (new LinkedHashSet<>(cleaned).size() != cleaned.size()) {
			throw new IllegalArgumentException("groundwork.search.embedders lists a model twice: " + names);
		}
		var extras = new ArrayList<ExtraEmbeddingModel>();
		for (var name : cleaned.subList(1, cleaned.size())) {
			extras.add(ExtraEmbeddingModel.named(name));
		}
		return extras;
	}

	@Override
	public Embeddings primary() {
		return primary;
	}

	@Override
	public List<Embeddings> extras() {
		return extras;
	}
}
