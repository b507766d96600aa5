package com.groundwork.guardrail.internal;

import java.util.List;

/** The injection detector as the checks use it: signals above the policy's score, and never an exception. */
final class InjectionScanner {

	/**
	 * Set while an evaluation measures what the other defences do without the detector (defence in depth): on this
	 * thread only, and only through {@link DetectorEvaluationService#withInjectionDetectorOff}.
	 */
	static final ThreadLocal<Boolean> SWITCHED_OFF = ThreadLocal.withInitial(() -> false);

	private final InjectionDetector detector;

	InjectionScanner(InjectionDetector detector) {
		this.detector = detector;
	}

	/** Signals at or above {@code minScore}; a failing detector flags the text rather than letting it through. */
	List<InjectionSignal> scan(String text, double minScore) {
		if (text.isBlank() || SWITCHED_OFF.get()) {
			return List.of();
		}
		List<InjectionSignal> signals;
		try {
			signals = detector.scan(text);
		}
		catch (RuntimeException ex) {
			signals = List.of(new InjectionSignal("detector-failed", 0, Math.min(text.length(), 80),
					"the injection detector failed on this text", 1.0));
		}
		return signals.stream().filter(signal -> signal.score() >= minScore).toList();
	}
}
