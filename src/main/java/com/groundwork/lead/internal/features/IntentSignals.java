package com.groundwork.lead.internal.features;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * Buying-intent signals found in CRM notes, by the phrase lists of {@code groundwork.lead.features.intent-signals}:
 * "Asked about SOC 2 at the webinar" signals {@code security-review}.
 */
@Component
public class IntentSignals {

	private final Map<String, Phrases> signals = new TreeMap<>();

	public IntentSignals(FeatureSettings settings) {
		settings.intentSignals().forEach((signal, phrases) -> signals.put(signal, new Phrases(phrases)));
	}

	/** The signals the notes show, sorted by name; empty without notes. */
	public List<String> in(String notes) {
		if (notes == null || notes.isBlank()) {
			return List.of();
		}
		return signals.entrySet().stream().filter(entry -> entry.getValue().foundIn(notes)).map(Map.Entry::getKey).toList();
	}
}
