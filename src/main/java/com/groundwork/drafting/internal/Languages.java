package com.groundwork.drafting.internal;

import java.nio.file.Path;
import java.util.Map;

/** The word lists of every language drafts may be written in ({@code prompts/languages.yaml}), read at start-up. */
record Languages(Map<String, LanguageWords> words) {

	Languages {
		words = Map.copyOf(words);
	}

	static Languages load(Path promptsDir) {
		return new Languages(LanguageWords.load(promptsDir));
	}
}
