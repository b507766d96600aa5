package com.groundwork.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.e5smallv2q.E5SmallV2QuantizedEmbeddingModel;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The project's own ONNX encoder against the model jars' reference implementation: same vectors (up to the rounding
 * of batched runs), whatever the batch holds, texts longer than the model reads included.
 */
class OnnxEncoderTests {

	private static final List<String> TEXTS = List.of("Cold chain",
			"Reefer containers keep vaccines between two and eight degrees during transport.",
			"Kühlcontainer halten Impfstoffe während des Transports zwischen zwei und acht Grad.",
			"Invoices are sent by email at the end of every month, and a reminder follows after fourteen days "
					+ "when the invoice is still open; the reminder names the invoice and its due date.");

	/** About 1,300 tokens: the model reads it in three windows. */
	private static final String LONG_TEXT = IntStream.range(0, 120)
		.mapToObj(i -> "Sentence " + i + " says that dock " + i + " unloads reefer trucks.")
		.collect(Collectors.joining(" "));

	@Test
	void bgeMatchesTheReferenceImplementationInBatchesAndWindows() {
		try (var encoder = new OnnxEncoder("bge-small-en-v1.5-q.onnx", "bge-small-en-v1.5-q-tokenizer.json",
				OnnxEncoder.Pooling.CLS, new EmbeddingSettings(1, 1, false))) {
			assertMatches(encoder, new BgeSmallEnV15QuantizedEmbeddingModel(Runnable::run), "", true);
			assertThat(encoder.countTokens(LONG_TEXT)).isGreaterThan(2 * OnnxEncoder.MAX_TOKENS);
		}
	}

	@Test
	void meanPooledModelsMatchTheReferenceImplementation() {
		try (var e5 = new OnnxEncoder("e5-small-v2-q.onnx", "e5-small-v2-q-tokenizer.json", OnnxEncoder.Pooling.MEAN,
				EmbeddingSettings.DEFAULTS);
				var miniLm = new OnnxEncoder("all-minilm-l6-v2-q.onnx", "all-minilm-l6-v2-q-tokenizer.json",
						OnnxEncoder.Pooling.MEAN, 256, EmbeddingSettings.DEFAULTS)) {
			assertMatches(e5, new E5SmallV2QuantizedEmbeddingModel(Runnable::run), "passage: ", true);
			// The reference cuts MiniLM's texts at 128 tokens (its tokenizer file says so); this encoder reads a long
			// text whole, in windows: only short texts compare.
			assertMatches(miniLm, new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run), "", false);
		}
	}

	@Test
	void byDefaultATextGetsTheSameVectorAloneAsBesideOthers() {
		try (var encoder = new OnnxEncoder("bge-small-en-v1.5-q.onnx", "bge-small-en-v1.5-q-tokenizer.json",
				OnnxEncoder.Pooling.CLS, EmbeddingSettings.DEFAULTS)) {
			var alone = encoder.encode(List.of(TEXTS.get(1))).getFirst();
			var amongOthers = encoder.encode(TEXTS).get(1);

			assertThat(alone).containsExactly(amongOthers);
			assertThat(norm(alone)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
		}
	}

	/** Why batches are off by default: the quantized model scales activations over the whole (padded) run. */
	@Test
	void inABatchAVectorDriftsWithItsNeighboursButStaysClose() {
		try (var encoder = new OnnxEncoder("bge-small-en-v1.5-q.onnx", "bge-small-en-v1.5-q-tokenizer.json",
				OnnxEncoder.Pooling.CLS, new EmbeddingSettings(0, 4, false))) {
			var alone = encoder.encode(List.of(TEXTS.get(1))).getFirst();
			var batched = encoder.encode(TEXTS).get(1);

			assertThat(cosine(alone, batched)).isBetween(0.99, 0.999999);
		}
	}

	@Test
	void aBlankTextIsRefusedWithItsPosition() {
		try (var encoder = new OnnxEncoder("all-minilm-l6-v2-q.onnx", "all-minilm-l6-v2-q-tokenizer.json",
				OnnxEncoder.Pooling.MEAN, EmbeddingSettings.DEFAULTS)) {
			assertThatThrownBy(() -> encoder.encode(List.of("text", " ")))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("item 1");
		}
	}

	@Test
	void aMissingModelIsNamed() {
		assertThatThrownBy(() -> new OnnxEncoder("no-such-model.onnx", "no-such-tokenizer.json",
				OnnxEncoder.Pooling.CLS, EmbeddingSettings.DEFAULTS))
			.hasMessageContaining("no-such-model.onnx");
	}

	private static void assertMatches(OnnxEncoder encoder, AbstractInProcessEmbeddingModel reference, String prefix,
			boolean longText) {
		var texts = new java.util.ArrayList<>(TEXTS.stream().map(text -> prefix + text).toList());
		if (longText) {
			texts.add(prefix + LONG_TEXT);
		}
		var ours = encoder.encode(texts);
		for (int i = 0; i < texts.size(); i++) {
			var theirs = reference.embedAll(List.of(TextSegment.from(texts.get(i)))).content().getFirst().vector();
			// Batched runs round differently in the quantized kernels; the long text's windows are cut at
			// token (not word) boundaries.
			assertThat(cosine(ours.get(i), theirs)).as(texts.get(i).substring(0, Math.min(40, texts.get(i).length())))
				.isGreaterThan(longText && i == texts.size() - 1 ? 0.99 : 0.999);
		}
	}

	private static double cosine(float[] a, float[] b) {
		double dot = 0;
		for (int i = 0; i < a.length; i++) {
			dot += a[i] * b[i];
		}
		return dot / (norm(a) * norm(b));
	}

	private static double norm(float[] a) {
		double sum = 0;
		for (float value : a) {
			sum += value * value;
		}
		return Math.sqrt(sum);
	}
}
