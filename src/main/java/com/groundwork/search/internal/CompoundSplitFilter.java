package com.groundwork.search.internal;

import de.danielnaber.jwordsplitter.AbstractWordSplitter;
import de.danielnaber.jwordsplitter.GermanWordSplitter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Splits German compounds into their parts with jWordSplitter's dictionary ("kühlkettenüberwachung": kühl, ketten,
 * überwachung) and emits the whole word, then each part, with the whole word's offsets (a highlight marks the
 * compound). Strict mode: a word is split only when every part is a known word, so names stay whole.
 * <p>
 * In the index the parts stand at the compound's position, so positions still count words; in a query they follow
 * it as words of their own, so that each keeps its own weight: the rare compound scores highest where it occurs
 * verbatim, its parts find the passages that spell it apart ("Überwachung der Kühlkette"). At one position the query
 * builder would fold them into one synonym term with the commonest part's weight.
 */
final class CompoundSplitFilter extends TokenFilter {

	/** Shorter words are hardly compounds, and splitting them produces noise. */
	private static final int MIN_LENGTH = 6;

	private static final AbstractWordSplitter SPLITTER = load();

	private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

	private final PositionIncrementAttribute position = addAttribute(PositionIncrementAttribute.class);

	private final boolean partsAtSamePosition;

	private final Deque<String> parts = new ArrayDeque<>();

	private State compound;

	CompoundSplitFilter(TokenStream input, boolean partsAtSamePosition) {
		super(input);
		this.partsAtSamePosition = partsAtSamePosition;
	}

	private static AbstractWordSplitter load() {
		try {
			var splitter = new GermanWordSplitter(true);
			splitter.setStrictMode(true);
			return splitter;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot load the German compound dictionary", ex);
		}
	}

	/** The parts of a lower-case word, or an empty list when it is no compound. */
	static List<String> split(String word) {
		if (word.length() < MIN_LENGTH || !word.chars().allMatch(Character::isLetter)) {
			return List.of();
		}
		List<String> split;
		// the splitter keeps no state between calls that the docs promise is safe to share; one dictionary is
		// large (about half a second to load), so it is shared and calls take turns
		synchronized (SPLITTER) {
			split = SPLITTER.splitWord(word);
		}
		return split.size() < 2 ? List.of() : split;
	}

	@Override
	public boolean incrementToken() throws IOException {
		if (!parts.isEmpty()) {
			restoreState(compound);
			term.setEmpty().append(parts.removeFirst());
			position.setPositionIncrement(partsAtSamePosition ? 0 : 1);
			return true;
		}
		if (!input.incrementToken()) {
			return false;
		}
		for (var part : split(term.toString())) {
			parts.add(part.toLowerCase(java.util.Locale.GERMAN));
		}
		if (!parts.isEmpty()) {
			compound = captureState();
		}
		return true;
	}

	@Override
	public void reset() throws IOException {
		super.reset();
		parts.clear();
		compound = null;
	}
}
