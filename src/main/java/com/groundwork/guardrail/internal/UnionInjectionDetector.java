package com.groundwork.guardrail.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The rules and the learned model together, as a union: a text is flagged when either flags it, and every signal of
 * both is kept (each names its own evidence). A union rather than a combined score because the two see different
 * things — the rules hidden characters, decoded payloads and known phrasings, the model instructions in words no rule
 * lists — and neither's miss should be outvoted by the other's.
 */
final class UnionInjectionDetector implements InjectionDetector {

	private final List<InjectionDetector> detectors;

	UnionInjectionDetector(List<InjectionDetector> detectors) {
		this.detectors = List.copyOf(detectors);
	}

	@Override
	public List<InjectionSignal> scan(String text) {
		var signals = new ArrayList<InjectionSignal>();
		for (var detector : detectors) {
			signals.addAll(detector.scan(text));
		}
		signals.sort(Comparator.comparingInt(InjectionSignal::start).thenComparing(InjectionSignal::category));
		return List.copyOf(signals);
	}
}
