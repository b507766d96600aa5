package com.groundwork.drafting.internal.scoring;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reading ease of a text: Flesch's formula for English, Amstad's adaptation of it for German
 * ({@code 180 − ASL − 58.5 × ASW}); other languages are read with the English one. ASL is the average sentence length
 * in words, ASW the average syllables per word, counted per language.
 */
final class Readability {

	private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'’-]*");
	private static final Pattern SENTENCE_END = Pattern.compile("[.!?]+(?=\\s|$)");
	private static final Pattern ENGLISH_VOWELS = Pattern.compile("[aeiouy]+");
	private static final Pattern GERMAN_VOWELS = Pattern.compile("[aeiouyäöü]+");

	/**
	 * @param formula {@code flesch} or {@code amstad}
	 * @param fallback the language had no formula of its own and was read with the English one
	 */
	record Ease(double ease, String formula, double wordsPerSentence, double syllablesPerWord, boolean fallback) {
	}

	private Readability() {
	}

	static boolean german(String language) {
		return language.toLowerCase(Locale.ROOT).startsWith("de");
	}

	static boolean english(String language) {
		var lower = language.toLowerCase(Locale.ROOT);
		return lower.isEmpty() || lower.startsWith("en");
	}

	static Ease of(String language, List<String> sentences) {
		int words = 0;
		int syllables = 0;
		int sentenceCount = 0;
		boolean german = german(language);
		for (var sentence : sentences) {
			var found = words(sentence);
			if (found.isEmpty()) {
				continue;
			}
			// a paragraph the writer ran together still counts as the sentences it holds
			sentenceCount += Math.max(1, (int) SENTENCE_END.matcher(sentence.strip()).results().count());
			words += found.size();
			for (var word : found) {
				syllables += german ? germanSyllables(word) : englishSyllables(word);
			}
		}
		if (words == 0) {
			return new Ease(0, german ? "amstad" : "flesch", 0, 0, !german && !english(language));
		}
		double asl = (double) words / sentenceCount;
		double asw = (double) syllables / words;
		if (german) {
			return new Ease(180 - asl - 58.5 * asw, "amstad", asl, asw, false);
		}
		return new Ease(206.835 - 1.015 * asl - 84.6 * asw, "flesch", asl, asw, !english(language));
	}

	static List<String> words(String text) {
		return WORD.matcher(text).results().map(match -> match.group()).toList();
	}

	/** Vowel groups, less a silent final e ("make"), plus a syllabic final -le ("table"); at least one. */
	static int englishSyllables(String word) {
		var lower = word.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
		if (lower.isEmpty()) {
			return 1;
		}
		if (lower.length() <= 3) {
			return 1;
		}
		int count = (int) ENGLISH_VOWELS.matcher(lower).results().count();
		if (lower.endsWith("e") && !lower.endsWith("le") && !lower.endsWith("ee") && count > 1) {
			count--;
		}
		else if (lower.endsWith("le") && lower.length() > 2 && !"aeiouy".contains(lower.substring(lower.length() - 3,
				lower.length() - 2)) && count == 1) {
			count++;
		}
		if (lower.endsWith("es") || lower.endsWith("ed")) {
			// "makes", "named": the e is silent unless after t/d ("wanted") or s/x/z/ch/sh ("boxes")
			var stem = lower.substring(0, lower.length() - 2);
			boolean voiced = lower.endsWith("ed") ? stem.endsWith("t") || stem.endsWith("d")
					: stem.endsWith("s") || stem.endsWith("x") || stem.endsWith("z") || stem.endsWith("ch")
							|| stem.endsWith("sh") || stem.endsWith("c") || stem.endsWith("g");
			boolean afterConsonant = !stem.isEmpty() && "aeiouy".indexOf(stem.charAt(stem.length() - 1)) < 0;
			if (!voiced && afterConsonant && count > 1) {
				count--;
			}
		}
		return Math.max(1, count);
	}

	/**
	 * Vowel groups, umlauts included: German diphthongs and long vowels (ei, au, eu, äu, ie, aa, ee, oo) are one
	 * group, as they are one syllable; at least one.
	 */
	static int germanSyllables(String word) {
		var lower = word.toLowerCase(Locale.GERMAN).replace("ß", "s").replaceAll("[^a-zäöü]", "");
		if (lower.isEmpty()) {
			return 1;
		}
		return Math.max(1, (int) GERMAN_VOWELS.matcher(lower).results().count());
	}
}
