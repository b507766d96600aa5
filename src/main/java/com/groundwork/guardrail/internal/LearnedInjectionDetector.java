package com.groundwork.guardrail.internal;

import com.groundwork.guardrail.InjectionFeatures;
import com.groundwork.knowledge.Embeddings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Instruction-like windows by the learned classifier ({@link LearnedInjectionModel}): the text is cut into windows of
 * about a sentence ({@link InjectionFeatures}), each window is embedded (bge-small, the knowledge module's model) and
 * scored; every window at or above the model's threshold is a signal of category {@code learned} whose evidence is the
 * window. A score of 0.5 means the model's threshold (so the policy's {@code injection.min-score} of 0.5 keeps exactly
 * what the model flags); above it, scores rise linearly to 1.
 * <p>
 * A window is judged within its text: beside its own embedding and cues, its similarity to the text's other windows
 * (an instruction planted in an e-mail is about something else). Window embeddings are remembered by window text and
 * scans by text (the same passages and boilerplate sentences come back draft after draft): only unseen windows cost
 * an embedding. Never throws: a failure flags the text, as {@link InjectionScanner}
 * does.
 */
final class LearnedInjectionDetector implements InjectionDetector {

	static final String CATEGORY = "learned";

	private static final int EVIDENCE_LENGTH = 160;

	private static final int CACHE_ENTRIES = 8192;

	private static final int TEXT_CACHE_ENTRIES = 2048;

	/** Window embeddings by window text: the same sentences (greetings, boilerplate, passages) come back often. */
	private final Map<String, float[]> embedded = lru(CACHE_ENTRIES);

	/** Scans by text: a scan is a pure function of the text, and passages come back draft after draft. */
	private final Map<String, List<InjectionSignal>> scanned = lru(TEXT_CACHE_ENTRIES);

	private final InjectionFeatures features;

	private final Embeddings embeddings;

	private final LearnedInjectionModel model;

	LearnedInjectionDetector(InjectionFeatures features, Embeddings embeddings, LearnedInjectionModel model) {
		this.features = features;
		this.embeddings = embeddings;
		this.model = model;
	}

	private static <V> Map<String, V> lru(int entries) {
		return Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
				return size() > entries;
			}
		});
	}

	@Override
	public List<InjectionSignal> scan(String text) {
		if (text == null || text.isBlank()) {
			return List.of();
		}
		var remembered = scanned.get(text);
		if (remembered != null) {
			return remembered;
		}
		try {
			var signals = scanOrThrow(text);
			if (text.length() <= 20_000) {
				scanned.put(text, signals);
			}
			return signals;
		}
		catch (RuntimeException | LinkageError ex) {
			return List.of(new InjectionSignal("detector-failed", 0, Math.min(text.length(), 80),
					"the learned injection detector failed on this text (" + ex.getClass().getSimpleName() + ")", 1.0));
		}
	}

	private List<InjectionSignal> scanOrThrow(String text) {
		var windows = features.windows(text);
		if (windows.isEmpty()) {
			return List.of();
		}
		var texts = windows.stream().map(InjectionFeatures.Window::text).toList();
		var vectors = features.vectors(texts, embed(texts));
		var signals = new ArrayList<InjectionSignal>();
		for (int i = 0; i < windows.size(); i++) {
			double p = model.probability(vectors.get(i));
			if (p >= model.threshold()) {
				var window = windows.get(i);
				signals.add(new InjectionSignal(CATEGORY, window.start(), window.end(), shorten(window.text())
						+ " [learned p=" + String.format(java.util.Locale.ROOT, "%.3f", p) + "]", calibrated(p)));
			}
		}
		return List.copyOf(signals);
	}

	/** Each window's embedding, from the cache or embedded in one batch. */
	private List<float[]> embed(List<String> windows) {
		var result = new ArrayList<float[]>(windows.size());
		var missing = new ArrayList<String>();
		for (var window : windows) {
			var known = embedded.get(window);
			result.add(known);
			if (known == null && !missing.contains(window)) {
				missing.add(window);
			}
		}
		if (!missing.isEmpty()) {
			var vectors = embeddings.embedPassages(missing);
			var fresh = new HashMap<String, float[]>();
			for (int i = 0; i < missing.size(); i++) {
				fresh.put(missing.get(i), vectors.get(i));
				embedded.put(missing.get(i), vectors.get(i));
			}
			for (int i = 0; i < windows.size(); i++) {
				if (result.get(i) == null) {
					result.set(i, fresh.get(windows.get(i)));
				}
			}
		}
		return result;
	}

	/** Forgets every remembered window score (benchmarks of unseen text). */
	void forget() {
		embedded.clear();
		scanned.clear();
	}

	/** 0.5 at the threshold, linear on either side (0 and 1 stay where they are). */
	private double calibrated(double p) {
		double t = model.threshold();
		double score = p >= t ? 0.5 + 0.5 * (p - t) / Math.max(1e-9, 1 - t) : 0.5 * p / Math.max(1e-9, t);
		return Math.round(score * 1000) / 1000.0;
	}

	private static String shorten(String text) {
		return text.length() <= EVIDENCE_LENGTH ? text : text.substring(0, EVIDENCE_LENGTH - 1) + "…";
	}
}
