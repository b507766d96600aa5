package com.groundwork.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** German analysis on sentences of the shipped German knowledge: stemming, normalization, stop words, compounds. */
class GermanAnalyzerTests {

	record Token(String term, int position, int start, int end) {
	}

	final Analyzer index = new GermanAnalyzer(false);

	final Analyzer query = new GermanAnalyzer(true);

	@AfterEach
	void close() {
		index.close();
		query.close();
	}

	@Test
	void aCompoundIsIndexedWholeAndAsItsPartsAtItsPositionAndOffsets() throws IOException {
		var tokens = tokens(index, "Die Kühlkettenüberwachung meldet Abweichungen.");

		assertThat(tokens).extracting(Token::term)
			.containsExactly("kuhlkettenuberwachung", "kuhl", "kett", "uberwachung", "meldet", "abweichung");
		// position 1 was "Die", a stop word
		assertThat(tokens.subList(0, 4)).extracting(Token::position).containsOnly(2);
		assertThat(tokens.subList(0, 4)).extracting(Token::start, Token::end).containsOnly(
				org.assertj.core.groups.Tuple.tuple(4, 25));
		assertThat(tokens.get(4).position()).isEqualTo(3);
	}

	@Test
	void inAQueryThePartsFollowTheCompoundAsWordsOfTheirOwn() throws IOException {
		var tokens = tokens(query, "Kennzeichenerkennung per Kamera");

		assertThat(tokens).extracting(Token::term)
			.containsExactly("kennzeichenerkennung", "kennzeich", "erkennung", "per", "kamera");
		assertThat(tokens).extracting(Token::position).containsExactly(1, 2, 3, 4, 5);
	}

	@Test
	void inflectionsAndUmlautsMeetAtOneStemAndStopWordsGo() throws IOException {
		assertThat(terms(index, "die Spediteure")).isEqualTo(terms(index, "dem Spediteur"))
			.isEqualTo(List.of("spediteur"));
		assertThat(terms(index, "Übersicht")).isEqualTo(terms(index, "Ubersicht"));
		assertThat(terms(index, "Zeitfenster")).containsAll(terms(index, "Zeit")).containsAll(terms(index, "Fenster"));
		assertThat(terms(index, "und oder der die das")).isEmpty();
	}

	@Test
	void namesNumbersAndShortWordsStayWhole() throws IOException {
		assertThat(terms(index, "Kessler 410.000 Lkw")).containsExactly("kessl", "410.000", "lkw");
	}

	static List<String> terms(Analyzer analyzer, String text) throws IOException {
		return tokens(analyzer, text).stream().map(Token::term).toList();
	}

	static List<Token> tokens(Analyzer analyzer, String text) throws IOException {
		var tokens = new ArrayList<Token>();
		try (var stream = analyzer.tokenStream("body", text)) {
			var term = stream.addAttribute(CharTermAttribute.class);
			var increment = stream.addAttribute(PositionIncrementAttribute.class);
			var offset = stream.addAttribute(OffsetAttribute.class);
			stream.reset();
			int position = 0;
			while (stream.incrementToken()) {
				position += increment.getPositionIncrement();
				tokens.add(new Token(term.toString(), position, offset.startOffset(), offset.endOffset()));
			}
			stream.end();
		}
		return tokens;
	}
}
