package com.groundwork.search.internal;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/** The analyzers the lexical index can be built with, compared by the retrieval evaluation. */
enum LexicalAnalyzer {

	/** Standard tokenizer, possessives, lower case, English stop words, Porter stemming. */
	ENGLISH {
		@Override
		Analyzer create() {
			return new EnglishAnalyzer();
		}
	},

	/** As {@link #ENGLISH} with Krovetz stemming: conflates fewer unrelated words than Porter. */
	ENGLISH_KSTEM {
		@Override
		Analyzer create() {
			return new Analyzer() {
				@Override
				protected TokenStreamComponents createComponents(String fieldName) {
					var source = new StandardTokenizer();
					TokenStream stream = new EnglishPossessiveFilter(source);
					stream = new LowerCaseFilter(stream);
					stream = new StopFilter(stream, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
					return new TokenStreamComponents(source, new KStemFilter(stream));
				}

				@Override
				protected TokenStream normalize(String fieldName, TokenStream in) {
					return new LowerCaseFilter(in);
				}
			};
		}
	},

	/** Standard tokenizer and lower case only: no stemming, no stop words. */
	STANDARD {
		@Override
		Analyzer create() {
			return new StandardAnalyzer();
		}
	};

	abstract Analyzer create();
}
