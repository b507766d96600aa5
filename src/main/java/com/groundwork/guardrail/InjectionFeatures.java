package com.groundwork.guardrail;

import java.util.List;

/**
 * What the learned injection detector sees, shared by its training ({@code eval/run train-injection-detector}) and its
 * inference so that both cut and describe text alike: the text cut into small windows (about one sentence; whole
 * documents would dilute a short injection), and each window described by its passage embedding (bge-small, 384
 * values) and a few named lexical cues.
 */
public interface InjectionFeatures {

	/** Names this feature set and its settings (window sizes, cue word lists); part of the model's data fingerprint. */
	String version();

	/** The windows to score, in text order; the offsets point into the text as given (approximate after folding). */
	List<Window> windows(String text);

	/** The lexical cues' names, in the order {@link #lexical(String)} gives their values. */
	List<String> lexicalNames();

	/** The lexical cues of one window's text, each in [0, 1]. */
	double[] lexical(String window);

	/** Feature names of the embedding's dimensions ({@code emb.000} …), made once. */
	String[] EMBEDDING_NAMES = java.util.stream.IntStream.range(0, 1024)
		.mapToObj(i -> String.format(java.util.Locale.ROOT, "emb.%03d", i))
		.toArray(String[]::new);

	/** A window's named feature values: its embedding, then its lexical cues. */
	default Vector vector(String window, float[] embedding) {
		var cues = lexicalNames();
		var values = lexical(window);
		var names = new String[embedding.length + cues.size()];
		var all = new double[names.length];
		for (int i = 0; i < embedding.length; i++) {
			names[i] = i < EMBEDDING_NAMES.length ? EMBEDDING_NAMES[i] : "emb." + i;
			all[i] = embedding[i];
		}
		for (int i = 0; i < cues.size(); i++) {
			names[embedding.length + i] = "lex." + cues.get(i);
			all[embedding.length + i] = values[i];
		}
		return new Vector(names, all);
	}

	/**
	 * @param start offset of the window's first character in the text as given
	 * @param end offset after its last character
	 * @param text the window's normalized text (what is embedded)
	 */
	record Window(int start, int end, String text) {
	}

	/** Feature names and values, index by index. */
	record Vector(String[] names, double[] values) {
	}
}
