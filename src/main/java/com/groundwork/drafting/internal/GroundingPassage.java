package com.groundwork.drafting.internal;

import com.groundwork.search.Passage;

/** A retrieved passage with the short label ({@code P1}, …) it carries in the prompt and in a tier's answer. */
record GroundingPassage(String label, Passage passage) {

	/** {@code chunkId@contentHash}, how provenance names it. */
	String reference() {
		return passage.chunkId() + "@" + passage.contentHash();
	}
}
