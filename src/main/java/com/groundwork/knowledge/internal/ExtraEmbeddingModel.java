package com.groundwork.knowledge.internal;

import com.groundwork.knowledge.Embeddings;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.e5smallv2q.E5SmallV2QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * The further in-process models search can fuse beside the primary one, each shipped inside its own jar (nothing is
 * downloaded): the name is what {@code groundwork.search.embedders} lists, the prefixes are the ones each model was
 * trained with.
 */
enum ExtraEmbeddingModel {

	/** e5-small-v2 (quantized): trained on query/passage pairs, wants "query: " and "passage: " prefixes. */
	E5_SMALL_V2_Q("e5-small-v2-q", "query: ", "passage: ",
			() -> new E5SmallV2QuantizedEmbeddingModel(Runnable::run)),

	/** all-MiniLM-L6-v2 (quantized): six layers, about half the cost of the others; no prefixes. */
	ALL_MINILM_L6_V2_Q("all-minilm-l6-v2-q", "", "",
			() -> new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run));

	private static final int DIMENSIONS = 384;

	private static final int BATCH_SIZE = 32;

	private final String modelName;

	private final String queryPrefix;

	private final String passagePrefix;

	// Embedding on the calling thread: the model's own pool would compete with the caller's.
	private final Supplier<AbstractInProcessEmbeddingModel> loader;

	ExtraEmbeddingModel(String modelName, String queryPrefix, String passagePrefix,
			Supplier<AbstractInProcessEmbeddingModel> loader) {
		this.modelName = modelName;
		this.queryPrefix = queryPrefix;
		this.passagePrefix = passagePrefix;
		this.loader = loader;
	}

	String modelName() {
		return modelName;
	}

	static ExtraEmbeddingModel named(String name) {
		return Arrays.stream(values())
			.filter(model -> model.modelName.equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("groundwork.search.embedders: unknown model '" + name
					+ "'; the first must be " + OnnxEmbeddings.MODEL + ", then any of " + names()));
	}

	static List<String> names() {
		return Arrays.stream(values()).map(ExtraEmbeddingModel::modelName).toList();
	}

	/** Loads the model (a few seconds: the ONNX graph is read from the jar). */
	Embeddings load(Embeddings primary) {
		var model = loader.get();
		return new Embeddings() {

			@Override
			public String name() {
				return modelName;
			}

			@Override
			public int dimensions() {
				return DIMENSIONS;
			}

			@Override
			public List<float[]> embedPassages(List<String> passages) {
				var vectors = new ArrayList<float[]>(passages.size());
				for (int from = 0; from < passages.size(); from += BATCH_SIZE) {
					var batch = passages.subList(from, Math.min(passages.size(), from + BATCH_SIZE))
						.stream()
						.map(text -> TextSegment.from(passagePrefix + text))
						.toList();
					model.embedAll(batch).content().forEach(embedding -> vectors.add(embedding.vector()));
				}
				return vectors;
			}

			@Override
			public float[] embedQuery(String query) {
				return model.embed(queryPrefix + query).content().vector();
			}

			/** Chunks are cut on the primary model's tokens; these models share its WordPiece vocabulary. */
			@Override
			public int countTokens(String text) {
				return primary.countTokens(text);
			}
		};
	}
}
