package com.groundwork.guardrail.internal;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The injection detector with a bounded memory of texts it has scanned: the same knowledge passages serve many
 * drafts, so a passage is scanned once, not once per draft. Never throws: a failing detector flags the text.
 */
final class InjectionScanner {

	private final InjectionDetector detector;
	private final int capacity;
	private final ConcurrentHashMap<String, List<InjectionSignal>> scanned = new ConcurrentHashMap<>();

	InjectionScanner(InjectionDetector detector, int capacity) {
		this.detector = detector;
		this.capacity = capacity;
	}

	/** Signals at or above {@code minScore}. */
	List<InjectionSignal> scan(String text, double minScore) {
		if (text.isBlank()) {
			return List.of();
		}
		var signals = capacity > 0 && text.length() > 200 ? scanned.get(text) : null;
		if (signals == null) {
			try {
				signals = List.copyOf(detector.scan(text));
			}
			catch (RuntimeException ex) {
				signals = List.of(new InjectionSignal("detector-failed", 0, Math.min(text.length(), 80),
						"the injection detector failed on this text", 1.0));
			}
			if (capacity > 0 && text.length() > 200) {
				if (scanned.size() >= capacity) {
					scanned.clear(); // rare; recency tracking is not worth its cost here
				}
				scanned.put(text, signals);
			}
		}
		return signals.stream().filter(signal -> signal.score() >= minScore).toList();
	}
}
