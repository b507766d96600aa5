package com.groundwork.knowledge.internal;

/**
 * Where a document stands. INDEXING: being parsed and embedded (any earlier chunks still serve searches); INDEXED:
 * its chunks are current; FAILED: it was never indexed successfully, and has no chunks.
 */
enum DocumentStatus {
	INDEXING, INDEXED, FAILED
}
