package com.groundwork.guardrail.internal;

/**
 * Instruction-like content found in untrusted text.
 *
 * @param category {@code override}, {@code role-play}, {@code exfiltration}, {@code action}, {@code hidden-text},
 * {@code encoded}, …
 * @param start offset in the text as given (approximate when the match was in decoded text)
 * @param evidence the matched text, shortened
 */
record InjectionSignal(String category, int start, int end, String evidence, double score) {
}
