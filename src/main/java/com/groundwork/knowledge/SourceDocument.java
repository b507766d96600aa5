package com.groundwork.knowledge;

import java.util.Objects;

/**
 * A document to ingest: raw bytes in any supported format (Markdown, HTML, PDF, DOCX, plain text).
 *
 * @param source stable name of the document within its tenant (a path relative to the knowledge folder, or the
 * uploaded file name); re-ingesting the same source replaces the document
 */
public record SourceDocument(String source, byte[] content) {

	public SourceDocument {
		Objects.requireNonNull(source, "source");
		Objects.requireNonNull(content, "content");
		if (source.isBlank()) {
			throw new IllegalArgumentException("source must not be blank");
		}
	}
}
