package com.groundwork.knowledge.internal;

import com.groundwork.knowledge.Embeddings;
import java.util.Arrays;
import java.util.List;

/**
 * The further in-process models search can fuse beside the primary one, each shipped inside its own jar (nothing is
 * downloaded): the name is what {@code groundwork.search.embedders} lists, the prefixes are the ones each model was
 * trained with.
 */
enum ExtraEmbeddingModel {

	/** e5-small-v2 (quantized): trained on query/passage pairs, wants "query: " and "passage: " prefixes. */
	E5_SMALL_V2_Q("e5-small-v2-q", "query: ", "passage: ", 512),

	/**
	 * all-MiniLM-L6-v2 (quantized): six layers, about half the cost of the others; no prefixes. Trained on texts of
	 * at most 256 tokens (its tokenizer file cuts at 128): a longer passage is read in 256-token windows, not cut.
	 */
	ALL_MINILM_L6_V2_Q("all-minilm-l6-v2-q", "", "", 256);

	private static final int DIMENSIONS = 384;

	private final String modelName;

	private final String queryPrefix;

	private final String passagePrefix;

	private final int windowTokens;

	ExtraEmbeddingModel(String modelName, String queryPrefix, String passagePrefix, int windowTokens) {
		this.modelName = modelName;
		this.windowTokens = windowTokens;
		this.queryPrefix = queryPrefix;
		this.passagePrefix = passagePrefix;
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

	/** Loads the model (a few seconds: the ONNX graph is read from its jar); both pool by the mean of their tokens. */
	Embeddings load(Embeddings primary, EmbeddingSettings settings) {
		var encoder = new OnnxEncoder(modelName + ".onnx", modelName + "-tokenizer.json", OnnxEncoder.Pooling.MEAN,
				windowTokens, settings);
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
				return passages.isEmpty() ? List.of()
						: encoder.encode(passages.stream().map(text -> passagePrefix + text).toList());
			}

			@Override
			public float[] embedQuery(String query) {
				return encoder.encode(List.of(queryPrefix + query)).getFirst();
			}

			/** Chunks are cut on the primary model's tokens; these models share its WordPiece vocabulary. */
			@Override
			public int countTokens(String text) {
				return primary.countTokens(text);
			}
		};
	}
}
