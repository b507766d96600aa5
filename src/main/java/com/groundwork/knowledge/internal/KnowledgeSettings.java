package com.groundwork.knowledge.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Document ingestion.
 *
 * @param folder the knowledge folder that sync walks (each file's path relative to it is its source)
 * @param syncOnStart ingest the folder for every tenant after start-up (only when the demo is enabled)
 * @param maxDocumentSize the largest document accepted; larger ones are refused before parsing
 * @param parseTimeout how long one document may take to parse before it is abandoned
 * @param parseThreads threads parsing documents at the same time
 * @param maxExtractedCharacters the most text one document may yield (guards against decompression bombs)
 * @param chunk how documents are cut into passages
 * @param allowedMediaTypes the detected media types that are parsed; anything else is refused
 */
@Validated
@ConfigurationProperties("groundwork.knowledge")
record KnowledgeSettings(@DefaultValue("./knowledge") @NotNull Path folder, @DefaultValue("true") boolean syncOnStart,
		@DefaultValue("20MB") @NotNull DataSize maxDocumentSize, @DefaultValue("30s") @NotNull Duration parseTimeout,
		@DefaultValue("2") @Min(1) int parseThreads,
		@DefaultValue("5000000") @Min(1000) int maxExtractedCharacters, @DefaultValue @Valid @NotNull Chunk chunk,
		@DefaultValue({ "text/markdown", "text/x-web-markdown", "text/plain", "text/html", "application/xhtml+xml",
				"application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document" })
		@NotEmpty List<String> allowedMediaTypes) {

	KnowledgeSettings {
		if (maxDocumentSize.toBytes() <= 0 || parseTimeout.isNegative() || parseTimeout.isZero()) {
			throw new IllegalArgumentException("max-document-size and parse-timeout must be positive");
		}
		allowedMediaTypes = List.copyOf(allowedMediaTypes);
	}

	/** The allowlist as lower-case base types (no parameters). */
	Set<String> allowedBaseTypes() {
		return allowedMediaTypes.stream().map(type -> type.strip().toLowerCase(java.util.Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
	}

	/**
	 * Token budgets of a chunk, counted with the embedding model's own tokenizer.
	 *
	 * @param targetTokens the size chunks are packed to
	 * @param maxTokens the hard ceiling (bge-small reads at most 512 tokens, heading path included)
	 * @param overlapTokens how much of the end of the previous chunk (whole sentences or items) starts the next one
	 */
	record Chunk(@DefaultValue("256") @Min(16) int targetTokens, @DefaultValue("400") @Min(16) int maxTokens,
			@DefaultValue("32") @Min(0) int overlapTokens) {

		/** Leaves room for the heading path that is embedded with every chunk. */
		static final int MODEL_LIMIT = 480;

		Chunk {
			if (targetTokens > maxTokens || maxTokens > MODEL_LIMIT || overlapTokens >= targetTokens) {
				throw new IllegalArgumentException("groundwork.knowledge.chunk needs overlap-tokens < target-tokens <= "
						+ "max-tokens <= " + MODEL_LIMIT + "; got " + overlapTokens + " / " + targetTokens + " / " + maxTokens);
			}
		}
	}
}
