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

	/** The names of the context cues {@link #vectors} adds after the lexical ones. */
	List<String> CONTEXT_NAMES = List.of("ctx.similarity", "ctx.alone");

	/**
	 * Each window's named feature values within its text: its embedding, its lexical cues, and how close it is to the
	 * rest of the text ({@code ctx.similarity}: cosine of its embedding with the sum of the other windows'; an order
	 * to a model planted in an e-mail is about something else; {@code ctx.alone}: 1 when the text has no other window,
	 * the similarity then 0).
	 *
	 * @param embeddings the windows' unit-length passage embeddings, in window order
	 */
	default List<Vector> vectors(List<String> windows, List<float[]> embeddings) {
		int dimensions = embeddings.isEmpty() ? 0 : embeddings.getFirst().length;
		var sum = new double[dimensions];
		for (var embedding : embeddings) {
			for (int d = 0; d < dimensions; d++) {
				sum[d] += embedding[d];
			}
		}
		var cues = lexicalNames();
		var vectors = new java.util.ArrayList<Vector>(windows.size());
		for (int w = 0; w < windows.size(); w++) {
			var embedding = embeddings.get(w);
			double dot = 0;
			double norm = 0;
			for (int d = 0; d < dimensions; d++) {
				double other = sum[d] - embedding[d];
				dot += embedding[d] * other;
				norm += other * other;
			}
			boolean alone = windows.size() == 1 || norm < 1e-12;
			double similarity = alone ? 0 : dot / Math.sqrt(norm);
			var values = lexical(windows.get(w));
			var names = new String[dimensions + cues.size() + CONTEXT_NAMES.size()];
			var all = new double[names.length];
			for (int d = 0; d < dimensions; d++) {
				names[d] = d < EMBEDDING_NAMES.length ? EMBEDDING_NAMES[d] : "emb." + d;
				all[d] = embedding[d];
			}
			for (int i = 0; i < cues.size(); i++) {
				names[dimensions + i] = "lex." + cues.get(i);
				all[dimensions + i] = values[i];
			}
			names[dimensions + cues.size()] = CONTEXT_NAMES.get(0);
			all[dimensions + cues.size()] = similarity;
			names[dimensions + cues.size() + 1] = CONTEXT_NAMES.get(1);
			all[dimensions + cues.size() + 1] = alone ? 1 : 0;
			vectors.add(new Vector(names, all));
		}
		return vectors;
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
