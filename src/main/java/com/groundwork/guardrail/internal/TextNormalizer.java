package com.groundwork.guardrail.internal;

import java.util.List;

/**
 * Text prepared for scanning: NFKC, zero-width and bidi controls stripped, homoglyphs folded, and obvious base64 /
 * HTML entities decoded (decoded content appended so both are scanned). Idempotent; never throws.
 */
interface TextNormalizer {

	String normalize(String text);

	/**
	 * The same, with the cover text and the decoded payloads apart (so a scanner can tell where a match came from);
	 * {@link Normalized#joined()} equals {@link #normalize(String)}.
	 */
	default Normalized parts(String text) {
		return new Normalized(normalize(text), List.of());
	}

	/**
	 * @param text the normalized cover text
	 * @param payloads decoded hidden content (base64 runs, Unicode tag text), each normalized, in order of discovery
	 */
	record Normalized(String text, List<String> payloads) {

		public Normalized {
			payloads = List.copyOf(payloads);
		}

		String joined() {
			return payloads.isEmpty() ? text : text + "\n" + String.join("\n", payloads);
		}
	}
}
