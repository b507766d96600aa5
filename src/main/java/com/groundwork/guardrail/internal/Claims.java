package com.groundwork.guardrail.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What in a sentence must be backed by evidence: numbers and percentages, capitalized names (not the sentence's first
 * word, not the language's ignore words) and the tenant's product names (anywhere). In a language that capitalizes
 * nouns (German), a capitalized word is a name only when it is not a common noun: not one of the policy's nouns or
 * their compounds, no noun suffix, not right after an article or a number.
 */
final class Claims {

	/**
	 * @param text as written (a name without its possessive {@code 's})
	 * @param value a number's value, scale applied, or null
	 * @param percent a number followed by {@code %}
	 * @param scaled a number followed by a scale word ("Mio.", "million")
	 */
	record Claim(String text, int start, int end, boolean number, @Nullable BigDecimal value, boolean percent,
			boolean scaled) {

		Claim(String text, int start, int end) {
			this(text, start, end, false, null, false, false);
		}
	}

	private Claims() {
	}

	static List<Claim> of(String sentence, Policy policy, Policy.Wording wording) {
		var claims = new ArrayList<Claim>();
		numbers(sentence, policy, wording, claims);
		var words = Texts.words(sentence);
		for (int w = 1; w < words.size(); w++) {
			int start = words.get(w)[0];
			int end = words.get(w)[1];
			char first = sentence.charAt(start);
			var word = sentence.substring(start, end);
			if (!Character.isUpperCase(first) || end - start < 2 || word.chars().anyMatch(Character::isDigit)) {
				continue; // identifiers such as Q1 or X12 are not names
			}
			if (word.endsWith("'s") || word.endsWith("’s")) {
				word = word.substring(0, word.length() - 2);
				end -= 2;
			}
			if (word.length() < 2 || wording.ignoreWords().contains(Texts.lower(word))) {
				continue;
			}
			if (wording.capitalizesNouns() && (commonNoun(word, wording) || afterNounMarker(sentence, words, w, wording))) {
				continue;
			}
			claims.add(new Claim(word, start, end));
		}
		if (!policy.productNames().isEmpty()) {
			var lower = Texts.lower(sentence);
			for (var product : policy.productNames()) {
				int at = Texts.find(lower, product, 0);
				if (at >= 0) {
					claims.add(new Claim(sentence.substring(at, at + product.length()), at, at + product.length()));
				}
			}
		}
		return claims;
	}

	private static void numbers(String sentence, Policy policy, Policy.Wording wording, List<Claim> claims) {
		for (var number : Numbers.scan(sentence, policy.numberScales())) {
			if (number.percent() || number.scaled() || !exempt(sentence, number.digitsEnd(), wording)) {
				claims.add(new Claim(sentence.substring(number.start(), number.end()), number.start(), number.end(), true,
						number.value(), number.percent(), number.scaled()));
			}
		}
	}

	/**
	 * A number followed by a unit such as minute ("a 20-minute call", "15 Minuten Zeit") states no fact; units may be
	 * phrases.
	 */
	private static boolean exempt(String sentence, int end, Policy.Wording wording) {
		if (end >= sentence.length() || sentence.charAt(end) != '-' && sentence.charAt(end) != ' ') {
			return false;
		}
		var rest = Texts.lower(sentence.substring(end + 1, Math.min(sentence.length(), end + 41)));
		for (var unit : wording.exemptNumberUnits()) {
			if (rest.startsWith(unit) && (rest.length() == unit.length() || !Texts.wordChar(rest.charAt(unit.length())))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * A common noun: each hyphenated part ends in a noun suffix, or its stem is a listed noun or a compound ending in
	 * one ("Wartezeitkosten": "Kosten").
	 */
	static boolean commonNoun(String word, Policy.Wording wording) {
		var stemmer = wording.stemmer();
		for (var part : Texts.lower(word).split("-")) {
			if (part.isEmpty() || suffixed(part, wording)) {
				continue;
			}
			var stems = stemmer.stemsOf(part);
			if (stems.isEmpty()) {
				return false;
			}
			for (var stem : stems) {
				if (!wording.commonNouns().contains(stem) && !compound(stem, wording)) {
					return false;
				}
			}
		}
		return true;
	}

	private static boolean suffixed(String part, Policy.Wording wording) {
		for (var suffix : wording.nounSuffixes()) {
			if (part.length() >= suffix.length() + 3 && part.endsWith(suffix)) {
				return true;
			}
		}
		return false;
	}

	/** A stem that ends in a listed noun of four letters or more after a modifier of three or more ("Kühlrampe"). */
	private static boolean compound(String stem, Policy.Wording wording) {
		for (int at = 3; at <= stem.length() - 4; at++) {
			if (wording.commonNouns().contains(stem.substring(at))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Right after a noun marker ("die", "Ihre") or a number, with only spaces, a currency sign or a percent sign
	 * between, and not followed by another capitalized word ("die Müller Logistik" is a name).
	 */
	private static boolean afterNounMarker(String sentence, List<int[]> words, int w, Policy.Wording wording) {
		var previous = Texts.lower(sentence.substring(words.get(w - 1)[0], words.get(w - 1)[1]));
		boolean marker = wording.nounMarkers().contains(previous) || previous.chars().allMatch(Character::isDigit);
		if (!marker || !gap(sentence, words.get(w - 1)[1], words.get(w)[0])) {
			return false;
		}
		if (w + 1 < words.size() && gap(sentence, words.get(w)[1], words.get(w + 1)[0])) {
			var next = sentence.substring(words.get(w + 1)[0], words.get(w + 1)[1]);
			return !Character.isUpperCase(next.charAt(0)) || wording.ignoreWords().contains(Texts.lower(next));
		}
		return true;
	}

	private static boolean gap(String sentence, int from, int to) {
		for (int i = from; i < to; i++) {
			char c = sentence.charAt(i);
			if (!Character.isWhitespace(c) && c != '\u00a0' && c != '\u202f' && c != '%'
					&& Character.getType(c) != Character.CURRENCY_SYMBOL) {
				return false;
			}
		}
		return to > from;
	}

	/**
	 * Whether a claim is in a lower-cased evidence text: a number as written or by its value ("93 %" for "93%",
	 * "410,000" for "410.000"; a scaled number only by value), a name as written or, in a language with a stemmer,
	 * stem by stem (also as the end of a compound the evidence holds: "Rampen" in "Tiefkühlrampen").
	 */
	static boolean supported(Claim claim, String evidence, CheckContext context) {
		var lower = Texts.lower(claim.text());
		if (claim.number()) {
			if (!claim.scaled() && Texts.containsNumber(evidence, lower)) {
				return true;
			}
			if (claim.value() == null) {
				return false;
			}
			for (var number : context.numbersOf(evidence)) {
				if (number.value() != null && number.value().compareTo(claim.value()) == 0
						&& (!claim.percent() || number.percent())) {
					return true;
				}
			}
			return false;
		}
		if (Texts.contains(evidence, lower)) {
			return true;
		}
		var stemmer = context.wording.stemmer();
		if (!stemmer.stems()) {
			return false;
		}
		var stems = stemmer.stemsOf(lower);
		var evidenceStems = context.stemsOf(evidence);
		for (var stem : stems) {
			if (!evidenceStems.contains(stem) && !inCompound(stem, evidenceStems)) {
				return false;
			}
		}
		return !stems.isEmpty();
	}

	private static boolean inCompound(String stem, java.util.Set<String> evidenceStems) {
		if (stem.length() < 4) {
			return false;
		}
		for (var candidate : evidenceStems) {
			if (candidate.length() >= stem.length() + 3 && candidate.endsWith(stem)) {
				return true;
			}
		}
		return false;
	}
}
