package com.groundwork.knowledge.internal;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the in-process embedding models run on ONNX Runtime.
 *
 * @param threads threads one model run may use (0: one per core)
 * @param batchSize passages of similar length embedded in one model run. 1 by default: the quantized models scale
 *        their activations over the whole run, so a passage's vector would depend on its neighbours (cosine 0.997
 *        to its vector alone), and on two cores a batch of 16 was no faster (42.6 s against 41.7 s for 150 abstracts)
 * @param spinning whether idle runtime threads spin for the next run; off, they sleep and leave the cores to
 *        parsing, chunking and storing, which ingestion overlaps with the model
 */
@Validated
@ConfigurationProperties("groundwork.knowledge.embedding")
record EmbeddingSettings(@DefaultValue("0") @Min(0) @Max(64) int threads,
		@DefaultValue("1") @Min(1) @Max(256) int batchSize, @DefaultValue("false") boolean spinning) {

	static final EmbeddingSettings DEFAULTS = new EmbeddingSettings(0, 1, false);

	/** The runtime's intra-op thread count. */
	int effectiveThreads() {
		return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
	}
}
