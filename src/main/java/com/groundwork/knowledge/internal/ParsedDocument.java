package com.groundwork.knowledge.internal;

import java.util.List;

/** A document read by Tika: its detected media type, validated metadata and blocks in reading order. */
record ParsedDocument(String source, String mediaType, DocumentMetadata metadata, List<Block> blocks) {

	ParsedDocument {
		blocks = List.copyOf(blocks);
	}
}
