package com.groundwork.drafting.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One version of a prompt, as read from {@code prompts/<id>/v<version>.st}: a YAML header between {@code ---} lines
 * and a Spring AI {@code PromptTemplate} (StringTemplate, {@code {variable}}) for the model tiers.
 *
 * @param source the file, relative to the prompt registry, e.g. {@code outreach-intro/v1.st}
 * @param variables the template's placeholders, as the header declares them
 * @param tier which tiers the prompt serves, e.g. {@code 0-2}
 * @param offline what the offline drafter (tier 0) writes around the quoted passages: subject, opening, call to
 * action and a greeting per tone, each a small template over the lead's features
 * @param retrievalQuery the search query, a small template over the lead's features
 * @param retrievalTypes document types searched first (empty: any)
 * @param repair what a model tier is told after an answer that is not the expected JSON (one re-ask)
 * @param body the model template
 * @param hash SHA-256 (hex) of the whole file, as the lock file records it
 * @param plan the evidence plan's slots (empty for prompts older than plans: one search with {@code retrievalQuery})
 * @param compose the order of tier 0's body: phrase keys (e.g. {@code situation}) and slot names
 * @param phrases tier 0's phrases per language (ISO 639-1) → key → options, the first whose variables are all known
 * wins; {@code offline} holds the first options of the file's first language
 */
record PromptFile(String source, String id, int version, String purpose, String tier, Set<String> variables,
		Map<String, String> offline, String retrievalQuery, List<String> retrievalTypes, String repair, String body, String hash,
		List<SlotSpec> plan, List<String> compose, Map<String, Map<String, List<String>>> phrases) {

	PromptFile {
		plan = List.copyOf(plan);
		compose = List.copyOf(compose);
		phrases = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(phrases));
	}

	/** Whether tier 0 can write this prompt in the language. */
	boolean speaks(String language) {
		return phrases.containsKey(language);
	}

	/** The language of the file's first phrases: what a draft falls back to. */
	String firstLanguage() {
		return phrases.keySet().stream().findFirst().orElse("en");
	}

	/** {@code id@version}, how provenance names it. */
	String reference() {
		return id + "@" + version;
	}
}
