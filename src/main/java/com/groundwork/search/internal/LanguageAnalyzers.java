package com.groundwork.search.internal;

import com.groundwork.knowledge.KnowledgeChunk;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;

/**
 * The analysis of each language the lexical index knows: English (the configured {@link LexicalAnalyzer}) and German
 * (stemming and compound splitting). Text in any other language, or in none that can be told, is analyzed as English,
 * as all text was before languages were told apart.
 */
final class LanguageAnalyzers implements AutoCloseable {

	static final String ENGLISH = "en";

	static final String GERMAN = "de";

	/** The languages with an analysis of their own, English (the fallback) first. */
	static final List<String> LANGUAGES = List.of(ENGLISH, GERMAN);

	private final Analyzer english;

	private final Map<String, Analyzer> forIndexing;

	private final Map<String, Analyzer> forQueries;

	private final TextLanguage detection = new TextLanguage();

	LanguageAnalyzers(LexicalAnalyzer english) {
		this.english = english.create();
		this.forIndexing = Map.of(ENGLISH, this.english, GERMAN, new GermanAnalyzer(false));
		this.forQueries = Map.of(ENGLISH, this.english, GERMAN, new GermanAnalyzer(true));
	}

	/** The English analyzer: the index writer's default. */
	Analyzer english() {
		return english;
	}

	/** The language a chunk is analyzed in: its document's, as declared, else as detected; English when unsupported. */
	String languageOf(KnowledgeChunk chunk) {
		var declared = chunk.metadata().language();
		var language = declared.isEmpty() ? detection.detect(chunk.text()).orElse(ENGLISH) : declared;
		return supported(language);
	}

	/** The analyzer for a chunk's text in {@code language} (one of {@link #LANGUAGES}). */
	Analyzer forIndexing(String language) {
		return forIndexing.get(supported(language));
	}

	/** The analyzer for a query in {@code language} (any ISO 639-1 code; unsupported ones are analyzed as English). */
	Analyzer forQueries(String language) {
		return forQueries.get(supported(language));
	}

	/** The language itself when it has an analysis of its own, else English. */
	static String supported(String language) {
		// regional tags ("de-AT", "de_CH") analyze as their language
		var base = language.length() > 2 && (language.charAt(2) == '-' || language.charAt(2) == '_')
				? language.substring(0, 2) : language;
		return LANGUAGES.contains(base) ? base : ENGLISH;
	}

	@Override
	public void close() {
		forIndexing.values().forEach(Analyzer::close);
		forQueries.get(GERMAN).close();
	}
}
