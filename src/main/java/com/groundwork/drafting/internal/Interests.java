package com.groundwork.drafting.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a lead showed interest in, as terms: from its CRM notes (once screened for injection; the notes themselves never
 * reach a prompt or provenance, only the matched term does) and its intent signals.
 *
 * @param terms display form → where it was named ({@code CRM notes} or {@code intent signals}), in order of mention
 * @param pricingAsked whether the lead asked about prices (pricing documents may be cited only then)
 */
record Interests(Map<String, String> terms, boolean pricingAsked) {

	static final Interests NONE = new Interests(Map.of(), false);

	/** An acronym with its number ("SOC 2", "ISO 27001") is one term; otherwise words of four letters or more. */
	private static final Pattern TERM = Pattern.compile("\\b\\p{Lu}{2,}[ -]?\\d+\\b|\\b\\p{Lu}{2,}\\b|[\\p{L}][\\p{L}-]{3,}");

	Interests {
		terms = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(terms));
	}

	static Interests of(String notes, String signals, Map<String, LanguageWords> languages) {
		var terms = new LinkedHashMap<String, String>();
		add(terms, notes, "CRM notes", languages);
		add(terms, signals.replace(',', ' ').replace('-', ' '), "intent signals", languages);
		boolean pricing = LanguageWords.words(notes + " " + signals.replace('-', ' '))
			.stream()
			.anyMatch(word -> languages.values().stream().anyMatch(words -> words.pricing().contains(word)));
		return new Interests(terms, pricing);
	}

	private static void add(Map<String, String> terms, String text, String source, Map<String, LanguageWords> languages) {
		var matcher = TERM.matcher(text);
		while (matcher.find()) {
			var term = matcher.group().strip();
			var lower = term.toLowerCase(Locale.ROOT);
			boolean common = languages.values().stream()
				.anyMatch(words -> words.stopwords().contains(lower) || words.noteWords().contains(lower));
			if (!common && terms.keySet().stream().noneMatch(known -> known.equalsIgnoreCase(term))) {
				terms.put(term, source);
			}
		}
	}

	boolean isEmpty() {
		return terms.isEmpty();
	}

	/** The terms as a search query. */
	String query() {
		return String.join(" ", terms.keySet());
	}

	/** How many of the terms the text mentions. */
	int hits(String text) {
		var lower = text.toLowerCase(Locale.ROOT);
		return (int) terms.keySet().stream().filter(term -> pattern(term).matcher(lower).find()).count();
	}

	private static final Map<String, Pattern> PATTERNS = new java.util.concurrent.ConcurrentHashMap<>();

	/** The term as a pattern: compiled once, a campaign's leads name the same few interests again and again. */
	private static Pattern pattern(String term) {
		if (PATTERNS.size() > 10_000) {
			PATTERNS.clear();
		}
		return PATTERNS.computeIfAbsent(term,
				key -> Pattern.compile("(?<![\\p{L}0-9])" + Pattern.quote(stem(key.toLowerCase(Locale.ROOT)))));
	}

	/** The first term the text mentions (case-insensitive, whole word or word start), or null. */
	@org.jspecify.annotations.Nullable String matchIn(String text) {
		var lower = text.toLowerCase(Locale.ROOT);
		for (var term : terms.keySet()) {
			if (pattern(term).matcher(lower).find()) {
				return term;
			}
		}
		return null;
	}

	/** A light stem: "overtime"→"overtime", "audits"→"audit", "Schichtplanung"→"schichtplan": word starts match. */
	private static String stem(String term) {
		if (term.length() > 6 && term.matches(".*[\\p{L}]")) {
			return term.substring(0, Math.max(5, term.length() - 3));
		}
		return term.endsWith("s") && term.length() > 4 ? term.substring(0, term.length() - 1) : term;
	}

	List<String> list() {
		return new ArrayList<>(terms.keySet());
	}
}
