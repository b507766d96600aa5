package com.groundwork.guardrail.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Instruction-like content in untrusted text, by the rules of {@code guardrails/injection-patterns.yaml}: the text is
 * normalized ({@link TextNormalizer}), cut into sentences, and each sentence scored by the rules it matches (noisy-or
 * of their scores). Decoded payloads (base64, Unicode tag text) are scanned too and reported as {@code encoded};
 * invisible characters inside words and bidi overrides are reported as {@code hidden-text} on their own.
 */
@Component
class PatternInjectionDetector implements InjectionDetector {

	private static final int EVIDENCE_LENGTH = 160;

	/** Scans remembered: the same passages come back in draft after draft, and the scan is a pure function. */
	private static final int CACHE_ENTRIES = 2048;

	private final java.util.Map<String, List<InjectionSignal>> cache = java.util.Collections
		.synchronizedMap(new java.util.LinkedHashMap<>(256, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(java.util.Map.Entry<String, List<InjectionSignal>> eldest) {
				return size() > CACHE_ENTRIES;
			}
		});

	private final TextNormalizer normalizer;

	private final InjectionPatterns patterns;

	@Autowired
	PatternInjectionDetector(TextNormalizer normalizer,
			@Value("${groundwork.guardrail.injection-patterns:guardrails/injection-patterns.yaml}") Path file) {
		this(normalizer, InjectionPatterns.load(file));
	}

	PatternInjectionDetector(TextNormalizer normalizer, InjectionPatterns patterns) {
		this.normalizer = normalizer;
		this.patterns = patterns;
	}

	@Override
	public List<InjectionSignal> scan(String text) {
		return scan(text, true);
	}

	/** @param cached false to scan afresh (benchmarks, evaluations of unique texts) */
	List<InjectionSignal> scan(String text, boolean cached) {
		if (!cached) {
			return text == null || text.isBlank() ? List.of() : scanUncached(text);
		}
		if (text == null || text.isBlank()) {
			return List.of();
		}
		var remembered = cache.get(text);
		if (remembered != null) {
			return remembered;
		}
		var signals = scanUncached(text);
		if (text.length() <= 20_000) {
			cache.put(text, signals);
		}
		return signals;
	}

	private List<InjectionSignal> scanUncached(String text) {
		try {
			return scanOrThrow(text);
		}
		catch (RuntimeException | StackOverflowError ex) {
			// Never throws; text that breaks the scanner is suspicious in itself.
			return List.of(new InjectionSignal("hidden-text", 0, Math.min(text.length(), 1), "unscannable text", 0.5));
		}
	}

	private List<InjectionSignal> scanOrThrow(String text) {
		var normalized = normalizer.parts(text);
		var signals = new ArrayList<InjectionSignal>();
		var obfuscation = Obfuscation.of(text);
		double boost = obfuscation.mixedScriptWords() > 0 ? patterns.structural("mixed-script-word") : 0;
		scanSentences(text, normalized.text(), false, boost, signals);
		for (var payload : normalized.payloads()) {
			scanSentences(text, payload, true, patterns.structural("decoded-payload"), signals);
		}
		if (obfuscation.tagCharacters() >= 4) {
			signals.add(structural(text, "hidden-text", obfuscation.firstIndex(), "tag-characters",
					"invisible Unicode tag characters"));
		}
		if (obfuscation.invisibleInWords() >= 3) {
			signals.add(structural(text, "hidden-text", obfuscation.firstIndex(), "invisible-characters",
					obfuscation.invisibleInWords() + " invisible characters inside words"));
		}
		if (obfuscation.bidiOverrides() > 0) {
			signals.add(structural(text, "hidden-text", obfuscation.firstIndex(), "bidi-override",
					"bidirectional override characters"));
		}
		signals.removeIf(signal -> signal.score() < patterns.threshold());
		signals.sort(java.util.Comparator.comparingInt(InjectionSignal::start));
		return List.copyOf(signals);
	}

	private InjectionSignal structural(String text, String category, int at, String name, String evidence) {
		int start = Math.max(0, Math.min(at, text.length()));
		return new InjectionSignal(category, start, Math.min(text.length(), start + 1), evidence,
				patterns.structural(name));
	}

	private void scanSentences(String original, String text, boolean decoded, double boost,
			List<InjectionSignal> into) {
		var sentences = Sentences.split(text);
		Topic topic = null;
		for (int i = 0; i < sentences.size(); i++) {
			var sentence = sentences.get(i);
			double miss = 1 - boost;
			InjectionPatterns.Rule strongest = null;
			boolean askOffTopic = false;
			var words = InjectionPatterns.words(sentence.text());
			for (var rule : patterns.rules()) {
				if (rule.mayMatch(words) && rule.pattern().matcher(sentence.text()).find()) {
					miss *= 1 - rule.score();
					askOffTopic |= rule.offTopic();
					if (strongest == null || rule.score() > strongest.score()) {
						strongest = rule;
					}
				}
			}
			if (strongest == null) {
				continue;
			}
			if (askOffTopic && 1 - miss < patterns.threshold()) {
				if (topic == null) {
					topic = new Topic(sentences, patterns.lexicon("common"), patterns.lexicon("task"));
				}
				if (topic.offTopic(i)) {
					miss *= 1 - patterns.structural("off-topic");
				}
			}
			double score = 1 - miss;
			var category = decoded && !strongest.category().equals("hidden-text") ? "encoded" : strongest.category();
			int[] span = locate(original, text, sentence, decoded);
			into.add(new InjectionSignal(category, span[0], span[1], shorten(sentence.text()) + " [" + strongest.id()
					+ "]", Math.round(score * 1000) / 1000.0));
		}
	}

	/** Where a sentence of the normalized text is in the original: exact when it occurs there, else proportional. */
	private static int[] locate(String original, String normalized, Sentences.Sentence sentence, boolean decoded) {
		if (decoded) {
			return new int[] { 0, original.length() };
		}
		int exact = original.indexOf(sentence.text());
		if (exact < 0) {
			exact = original.toLowerCase(Locale.ROOT).indexOf(sentence.text().toLowerCase(Locale.ROOT));
		}
		if (exact >= 0) {
			return new int[] { exact, exact + sentence.text().length() };
		}
		double ratio = normalized.isEmpty() ? 1 : (double) original.length() / normalized.length();
		int start = (int) Math.min(original.length(), Math.round(sentence.start() * ratio));
		int end = (int) Math.min(original.length(), Math.max(start, Math.round(sentence.end() * ratio)));
		return new int[] { start, end };
	}

	private static String shorten(String text) {
		return text.length() <= EVIDENCE_LENGTH ? text : text.substring(0, EVIDENCE_LENGTH - 1) + "…";
	}

	/**
	 * Whether a sentence is about something the rest of the text never mentions: a task for a model planted in a
	 * passage ("Explain the theory of relativity." in a shipping notice) shares no content word with its surroundings,
	 * where a how-to step in a manual does. Words are compared by their first five letters (a crude stem).
	 */
	static final class Topic {

		private static final int STEM = 5;

		private static final int MIN_CONTEXT_WORDS = 12;

		private final List<Set<String>> stems = new ArrayList<>();

		private final java.util.Map<String, Integer> counts = new java.util.HashMap<>();

		private final int total;

		Topic(List<Sentences.Sentence> sentences, Set<String> common, Set<String> task) {
			int all = 0;
			for (var sentence : sentences) {
				var own = new java.util.HashSet<String>();
				for (var word : InjectionPatterns.words(sentence.text())) {
					if (word.length() >= 4 && !common.contains(word) && !task.contains(word)
							&& !word.chars().allMatch(Character::isDigit)) {
						own.add(word.substring(0, Math.min(STEM, word.length())));
					}
				}
				stems.add(own);
				for (var stem : own) {
					counts.merge(stem, 1, Integer::sum);
				}
				all += own.size();
			}
			this.total = all;
		}

		boolean offTopic(int index) {
			var own = stems.get(index);
			if (own.size() < 2 || total - own.size() < MIN_CONTEXT_WORDS) {
				return false;
			}
			return own.stream().allMatch(stem -> counts.get(stem) == 1);
		}
	}

	/** Counts of hiding tricks in the raw text. */
	record Obfuscation(int invisibleInWords, int tagCharacters, int bidiOverrides, int mixedScriptWords,
			int firstIndex) {

		static Obfuscation of(String text) {
			int invisible = 0;
			int tags = 0;
			int bidi = 0;
			int first = -1;
			for (int i = 0; i < text.length();) {
				int cp = text.codePointAt(i);
				int width = Character.charCount(cp);
				boolean hit = false;
				if (cp >= 0xE0000 && cp <= 0xE007F) {
					tags++;
					hit = true;
				}
				else if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) {
					bidi++;
					hit = true;
				}
				else if (UnicodeTextNormalizer.isInvisible(cp) && i > 0 && i + width < text.length()
						&& Character.isLetter(text.codePointBefore(i))
						&& Character.isLetter(text.codePointAt(i + width))) {
					invisible++;
					hit = true;
				}
				if (hit && first < 0) {
					first = i;
				}
				i += width;
			}
			return new Obfuscation(invisible, tags, bidi, mixedScriptWords(text), Math.max(first, 0));
		}

		/** Words mixing Latin letters with Cyrillic or Greek ones: real words never do, look-alike spoofs do. */
		private static int mixedScriptWords(String text) {
			int count = 0;
			boolean latin = false;
			boolean other = false;
			for (int i = 0; i <= text.length(); i++) {
				char c = i < text.length() ? text.charAt(i) : ' ';
				if (Character.isLetter(c)) {
					var script = Character.UnicodeScript.of(c);
					latin |= script == Character.UnicodeScript.LATIN;
					other |= script == Character.UnicodeScript.CYRILLIC || script == Character.UnicodeScript.GREEK;
				}
				else if (!UnicodeTextNormalizer.isInvisible(c)) {
					if (latin && other) {
						count++;
					}
					latin = false;
					other = false;
				}
			}
			return count;
		}
	}

	/** Sentences of a text: cut at line breaks, '|' field separators and sentence ends. */
	static final class Sentences {

		record Sentence(String text, int start, int end) {
		}

		private Sentences() {
		}

		static List<Sentence> split(String text) {
			var sentences = new ArrayList<Sentence>();
			int start = 0;
			for (int i = 0; i < text.length(); i++) {
				char c = text.charAt(i);
				boolean cut = c == '\n' || c == '|';
				int end = i;
				if (!cut && (c == '.' || c == '!' || c == '?') && (i + 1 == text.length()
						|| Character.isWhitespace(text.charAt(i + 1)) || text.charAt(i + 1) == '"'
						|| text.charAt(i + 1) == '\'' || text.charAt(i + 1) == ')')) {
					cut = true;
					end = i + 1;
				}
				// "startups.If you want…": a sentence end with its space lost in extraction.
				if (!cut && c == '.' && i > 0 && i + 2 < text.length() && Character.isLowerCase(text.charAt(i - 1))
						&& Character.isUpperCase(text.charAt(i + 1)) && Character.isLowerCase(text.charAt(i + 2))) {
					cut = true;
					end = i + 1;
				}
				if (cut) {
					add(text, start, end, sentences);
					start = end == i ? i + 1 : end;
				}
			}
			add(text, start, text.length(), sentences);
			return sentences;
		}

		private static void add(String text, int start, int end, List<Sentence> into) {
			// Leading blanks, quotes, list bullets and e-mail quote marks are not part of the sentence.
			while (start < end && (Character.isWhitespace(text.charAt(start)) || "\"'“‘>*-•·#)".indexOf(text.charAt(start)) >= 0)) {
				start++;
			}
			while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
				end--;
			}
			if (end - start >= 2) {
				into.add(new Sentence(text.substring(start, end), start, end));
			}
		}
	}
}
