package com.groundwork.guardrail.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.de.GermanLightStemFilter;
import org.apache.lucene.analysis.de.GermanNormalizationFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.jspecify.annotations.Nullable;

/**
 * Words reduced to their stems, so that grounding finds a claim in a passage that inflects it differently
 * ("Standzeiten" in a draft, "Standzeit" in the passage; "Kesslers" and "Kessler"). German uses Lucene's German
 * normalization (umlauts, ß) and light stemmer; a language without a stemmer here keeps its lower-cased words, which
 * is what grounding compared before languages mattered. Thread-safe: Lucene analyzers reuse their components per
 * thread.
 */
final class Stemmer {

	static final Stemmer NONE = new Stemmer(null);

	private static final Stemmer GERMAN = new Stemmer(new Analyzer() {
		@Override
		protected TokenStreamComponents createComponents(String fieldName) {
			var source = new StandardTokenizer();
			TokenStream stream = new LowerCaseFilter(source);
			stream = new GermanNormalizationFilter(stream);
			stream = new GermanLightStemFilter(stream);
			return new TokenStreamComponents(source, stream);
		}
	});

	private final @Nullable Analyzer analyzer;

	private Stemmer(@Nullable Analyzer analyzer) {
		this.analyzer = analyzer;
	}

	/** The stemmer of a language (ISO 639-1), or {@link #NONE}. */
	static Stemmer of(String language) {
		return "de".equals(language) ? GERMAN : NONE;
	}

	boolean stems() {
		return analyzer != null;
	}

	/** The stems of a text's words, in order ("Lkw-Standzeiten" → lkw, standzeit). */
	List<String> stemsOf(String text) {
		if (analyzer == null) {
			return Texts.lowerWords(text);
		}
		var stems = new ArrayList<String>();
		try (var stream = analyzer.tokenStream("", text)) {
			var term = stream.addAttribute(CharTermAttribute.class);
			stream.reset();
			while (stream.incrementToken()) {
				stems.add(term.toString());
			}
			stream.end();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Reading a string cannot fail", ex);
		}
		return stems;
	}
}
