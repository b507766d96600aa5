package com.groundwork.guardrail.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * What in a sentence must be backed by evidence: numbers and percentages, capitalized names (not the sentence's first
 * word, not the policy's ignore words) and the tenant's product names (anywhere).
 */
final class Claims {

	/** @param text as written (a name without its possessive {@code 's}) */
	record Claim(String text, int start, int end, boolean number) {
	}

	private Claims() {
	}

	static List<Claim> of(String sentence, Policy policy) {
		var claims = new ArrayList<Claim>();
		numbers(sentence, policy, claims);
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
			if (word.length() < 2 || policy.ignoreWords().contains(Texts.lower(word))) {
				continue;
			}
			claims.add(new Claim(word, start, end, false));
		}
		if (!policy.productNames().isEmpty()) {
			var lower = Texts.lower(sentence);
			for (var product : policy.productNames()) {
				int at = Texts.find(lower, product, 0);
				if (at >= 0) {
					claims.add(new Claim(sentence.substring(at, at + product.length()), at, at + product.length(), false));
				}
			}
		}
		return claims;
	}

	/** Digits (with inner separators and a trailing %) not glued to a letter before them (Q1, X12 are names). */
	private static void numbers(String sentence, Policy policy, List<Claim> claims) {
		int n = sentence.length();
		int i = 0;
		while (i < n) {
			char c = sentence.charAt(i);
			if (!Character.isDigit(c) || i > 0 && (Character.isLetter(sentence.charAt(i - 1)) || Character.isDigit(sentence.charAt(i - 1)))) {
				i++;
				continue;
			}
			int start = i;
			while (i < n && (Character.isDigit(sentence.charAt(i)) || (sentence.charAt(i) == '.' || sentence.charAt(i) == ',')
					&& i + 1 < n && Character.isDigit(sentence.charAt(i + 1)))) {
				i++;
			}
			int end = i;
			if (i < n && sentence.charAt(i) == '%') {
				end = ++i;
			}
			if (!exempt(sentence, end, policy)) {
				claims.add(new Claim(sentence.substring(start, end), start, end, true));
			}
		}
	}

	/** A number followed by a unit such as minute ("a 20-minute call") states no fact. */
	private static boolean exempt(String sentence, int end, Policy policy) {
		if (end >= sentence.length() || sentence.charAt(end) != '-' && sentence.charAt(end) != ' ') {
			return false;
		}
		int from = end + 1;
		int to = from;
		while (to < sentence.length() && Character.isLetter(sentence.charAt(to))) {
			to++;
		}
		return to > from && policy.exemptNumberUnits().contains(Texts.lower(sentence.substring(from, to)));
	}

	/** Whether a claim is in a lower-cased evidence text. */
	static boolean supported(Claim claim, String evidence) {
		var lower = Texts.lower(claim.text());
		return claim.number() ? Texts.containsNumber(evidence, lower) : Texts.contains(evidence, lower);
	}
}
