package com.groundwork.guardrail.internal;

/**
 * Text prepared for scanning: NFKC, zero-width and bidi controls stripped, homoglyphs folded, and obvious base64 /
 * HTML entities decoded (decoded content appended so both are scanned). Idempotent; never throws.
 */
interface TextNormalizer {

	String normalize(String text);
}
