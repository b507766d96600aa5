package com.groundwork.knowledge.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.util.unit.DataSize;

/** Settings as application.yaml has them, with the knobs tests turn. */
final class KnowledgeTestSettings {

	static final List<String> ALLOWED = List.of("text/markdown", "text/x-web-markdown", "text/plain", "text/html",
			"application/xhtml+xml", "application/pdf",
			"application/vnd.openxmlformats-officedocument.wordprocessingml.document");

	private KnowledgeTestSettings() {
	}

	static KnowledgeSettings defaults() {
		return with(DataSize.ofMegabytes(20), Duration.ofSeconds(30), 5_000_000);
	}

	static KnowledgeSettings with(DataSize maxDocumentSize, Duration parseTimeout, int maxCharacters) {
		return new KnowledgeSettings(Path.of("knowledge"), true, maxDocumentSize, parseTimeout, 1, maxCharacters,
				new KnowledgeSettings.Chunk(256, 400, 32), ALLOWED);
	}
}
