package com.groundwork.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** groundwork.search.embedders: validated names, and the further models running for real. */
class ConfiguredEmbeddersTests {

	@Test
	void thePrimaryModelComesFirstThenAnyShippedModelOnce() {
		assertThat(ConfiguredEmbedders.extras(List.of("bge-small-en-v1.5-q"))).isEmpty();
		assertThat(ConfiguredEmbedders.extras(List.of("bge-small-en-v1.5-q", " e5-small-v2-q ", "all-minilm-l6-v2-q")))
			.containsExactly(ExtraEmbeddingModel.E5_SMALL_V2_Q, ExtraEmbeddingModel.ALL_MINILM_L6_V2_Q);

		assertThatThrownBy(() -> ConfiguredEmbedders.extras(List.of("e5-small-v2-q")))
			.hasMessageContaining("groundwork.search.embedders must start with bge-small-en-v1.5-q");
		assertThatThrownBy(() -> ConfiguredEmbedders.extras(List.of("bge-small-en-v1.5-q", "e5-large")))
			.hasMessageContaining("unknown model 'e5-large'")
			.hasMessageContaining("e5-small-v2-q");
		assertThatThrownBy(() -> ConfiguredEmbedders.extras(List.of("bge-small-en-v1.5-q", "e5-small-v2-q", "e5-small-v2-q")))
			.hasMessageContaining("twice");
	}

	@Test
	void eachFurtherModelEmbedsQueriesCloserToTheirAnswerThanToAnotherPassage() {
		var primary = new OnnxEmbeddings();
		for (var model : ExtraEmbeddingModel.values()) {
			var embeddings = model.load(primary, EmbeddingSettings.DEFAULTS);
			var passages = embeddings.embedPassages(List.of(
					"Reefer containers keep vaccines between two and eight degrees during transport.",
					"Invoices are sent by email at the end of every month."));
			var query = embeddings.embedQuery("how are vaccines kept cold in transit");

			assertThat(embeddings.name()).isEqualTo(model.modelName());
			assertThat(query).hasSize(embeddings.dimensions());
			assertThat(dot(query, passages.get(0))).as(model.modelName()).isGreaterThan(dot(query, passages.get(1)));
		}
	}

	private static double dot(float[] a, float[] b) {
		double sum = 0;
		for (int i = 0; i < a.length; i++) {
			sum += a[i] * b[i];
		}
		return sum;
	}
}
