package com.groundwork.knowledge.internal;

/**
 * A passage cut from a document, before it is embedded and stored.
 *
 * @param headingPath the document title and the headings above the passage, joined with " › "
 * @param tokens the passage text's length in the embedding model's tokens
 */
record ChunkDraft(int ordinal, String headingPath, String text, int tokens) {
}
