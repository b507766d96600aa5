package com.groundwork.search.internal;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.de.GermanLightStemFilter;
import org.apache.lucene.analysis.de.GermanNormalizationFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * German text: Lucene's German analysis (lower case, German stop words, normalization of umlauts and ß, light
 * stemming) with compounds split into their parts before the stop words (so "Datenschutz" also yields "daten" and
 * "schutz") and before normalization (the compound dictionary spells umlauts).
 */
final class GermanAnalyzer extends Analyzer {

	private final boolean forQueries;

	/** @param forQueries whether compound parts follow the compound as words of their own (see {@link CompoundSplitFilter}) */
	GermanAnalyzer(boolean forQueries) {
		this.forQueries = forQueries;
	}

	@Override
	protected TokenStreamComponents createComponents(String fieldName) {
		var source = new StandardTokenizer();
		TokenStream stream = new LowerCaseFilter(source);
		stream = new CompoundSplitFilter(stream, !forQueries);
		stream = new StopFilter(stream, org.apache.lucene.analysis.de.GermanAnalyzer.getDefaultStopSet());
		stream = new GermanNormalizationFilter(stream);
		return new TokenStreamComponents(source, new GermanLightStemFilter(stream));
	}

	@Override
	protected TokenStream normalize(String fieldName, TokenStream in) {
		return new GermanNormalizationFilter(new LowerCaseFilter(in));
	}
}
