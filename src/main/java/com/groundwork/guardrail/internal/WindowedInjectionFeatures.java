package com.groundwork.guardrail.internal;

import com.groundwork.guardrail.InjectionFeatures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@link InjectionFeatures} by {@code guardrails/injection-features.yaml}: the text is normalized as the pattern
 * detector does ({@link TextNormalizer}), cut into sentences, a sentence too short to say anything grows by the next
 * one, a long one is cut into pieces; each window gets ten lexical cues.
 */
@Component
class WindowedInjectionFeatures implements InjectionFeatures {

	/** Bump when the code below changes what a window or a cue is. */
	private static final String CODE_VERSION = "windows-2+context";

	private static final List<String> CUES = List.of("second-person", "first-person", "your-output", "imperative",
			"question", "link", "quoted", "length", "letters", "digits");

	private static final Pattern LINK = Pattern.compile(
			"(?i)\\bhttps?://|\\bwww\\.|\\b[a-z0-9-]{2,}\\.(?:com|net|org|io|xyz|info|biz|ru|cn|co)\\b");

	private static final Pattern QUOTED = Pattern.compile("\"[^\"]{2,}\"|'[^']{2,}'|“[^”]{2,}”|‘[^’]{2,}’");

	private final TextNormalizer normalizer;

	private final Settings settings;

	private final String version;

	@Autowired
	WindowedInjectionFeatures(TextNormalizer normalizer,
			@Value("${groundwork.guardrail.injection-features:${groundwork.guardrails.dir:guardrails}/injection-features.yaml}") Path file) {
		this(normalizer, read(file));
	}

	WindowedInjectionFeatures(TextNormalizer normalizer, String yaml) {
		this.normalizer = normalizer;
		this.settings = Settings.parse(yaml);
		this.version = CODE_VERSION + "+" + sha256(yaml).substring(0, 16);
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(file + ": cannot be read; set groundwork.guardrail.injection-features", ex);
		}
	}

	@Override
	public String version() {
		return version;
	}

	@Override
	public List<String> lexicalNames() {
		return CUES;
	}

	@Override
	public List<Window> windows(String text) {
		if (text == null || text.isBlank()) {
			return List.of();
		}
		var normalized = normalizer.parts(text).text();
		var units = new ArrayList<PatternInjectionDetector.Sentences.Sentence>();
		for (var sentence : PatternInjectionDetector.Sentences.split(normalized)) {
			cut(sentence, units);
		}
		var windows = new ArrayList<Window>();
		double ratio = normalized.isEmpty() ? 1 : (double) text.length() / normalized.length();
		boolean exact = normalized.equals(text);
		int i = 0;
		while (i < units.size()) {
			int first = i;
			var joined = new StringBuilder(units.get(i).text());
			i++;
			while (letters(joined) < settings.minLetters() && i < units.size()
					&& joined.length() + 1 + units.get(i).text().length() <= settings.maxChars()) {
				joined.append(' ').append(units.get(i).text());
				i++;
			}
			if (letters(joined) < settings.skipBelowLetters()) {
				continue;
			}
			int start = units.get(first).start();
			int end = units.get(i - 1).end();
			if (!exact) {
				start = (int) Math.min(text.length(), Math.round(start * ratio));
				end = (int) Math.min(text.length(), Math.max(start, Math.round(end * ratio)));
			}
			windows.add(new Window(start, end, joined.toString()));
		}
		return windows;
	}

	/** A sentence longer than {@code max-chars} in pieces cut at a space (code lines and run-on text). */
	private void cut(PatternInjectionDetector.Sentences.Sentence sentence, List<PatternInjectionDetector.Sentences.Sentence> into) {
		var text = sentence.text();
		int from = 0;
		while (text.length() - from > settings.maxChars()) {
			int to = text.lastIndexOf(' ', from + settings.maxChars());
			if (to <= from) {
				to = from + settings.maxChars();
			}
			into.add(new PatternInjectionDetector.Sentences.Sentence(text.substring(from, to).strip(),
					sentence.start() + from, sentence.start() + to));
			from = to;
			while (from < text.length() && text.charAt(from) == ' ') {
				from++;
			}
		}
		if (from < text.length()) {
			into.add(new PatternInjectionDetector.Sentences.Sentence(text.substring(from),
					sentence.start() + from, sentence.end()));
		}
	}

	@Override
	public double[] lexical(String window) {
		var lower = window.toLowerCase(Locale.ROOT);
		var words = words(lower);
		int second = 0;
		int firstPerson = 0;
		boolean yourOutput = false;
		for (int i = 0; i < words.size(); i++) {
			var word = words.get(i);
			if (settings.secondPerson().contains(word)) {
				second++;
				if (word.equals("your")) {
					for (int j = i + 1; j < Math.min(words.size(), i + 3); j++) {
						yourOutput |= settings.outputWords().contains(words.get(j));
					}
				}
			}
			if (settings.firstPerson().contains(word)) {
				firstPerson++;
			}
		}
		int letters = 0;
		int digits = 0;
		int visible = 0;
		for (int i = 0; i < window.length(); i++) {
			char c = window.charAt(i);
			if (!Character.isWhitespace(c)) {
				visible++;
				letters += Character.isLetter(c) ? 1 : 0;
				digits += Character.isDigit(c) ? 1 : 0;
			}
		}
		var stripped = window.strip();
		return new double[] { Math.min(1, second / 2.0), Math.min(1, firstPerson / 2.0), yourOutput ? 1 : 0,
				!words.isEmpty() && settings.imperativeVerbs().contains(words.getFirst()) ? 1 : 0,
				stripped.endsWith("?") ? 1 : 0, LINK.matcher(window).find() ? 1 : 0,
				QUOTED.matcher(window).find() ? 1 : 0, Math.min(1, words.size() / 40.0),
				visible == 0 ? 0 : (double) letters / visible, visible == 0 ? 0 : (double) digits / visible };
	}

	private static List<String> words(String lower) {
		var words = new ArrayList<String>();
		int start = -1;
		for (int i = 0; i <= lower.length(); i++) {
			boolean letter = i < lower.length() && (Character.isLetter(lower.charAt(i)) || lower.charAt(i) == '\'');
			if (letter && start < 0) {
				start = i;
			}
			else if (!letter && start >= 0) {
				var word = lower.substring(start, i);
				int apostrophe = word.indexOf('\'');
				words.add(apostrophe > 0 ? word.substring(0, apostrophe) : word);
				start = -1;
			}
		}
		return words;
	}

	private static int letters(CharSequence text) {
		int count = 0;
		for (int i = 0; i < text.length(); i++) {
			count += Character.isLetter(text.charAt(i)) ? 1 : 0;
		}
		return count;
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The file's settings; a missing or empty entry stops start-up naming it. */
	record Settings(int minLetters, int skipBelowLetters, int maxChars, Set<String> secondPerson,
			Set<String> firstPerson, Set<String> outputWords, Set<String> imperativeVerbs) {

		@SuppressWarnings("unchecked")
		static Settings parse(String yaml) {
			Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
			if (root == null) {
				throw new IllegalStateException("injection-features.yaml: empty");
			}
			var windows = (Map<String, Object>) require(root, "windows");
			var cues = (Map<String, Object>) require(root, "cues");
			return new Settings(number(windows, "min-letters"), number(windows, "skip-below-letters"),
					number(windows, "max-chars"), words(cues, "second-person"), words(cues, "first-person"),
					words(cues, "output-words"), words(cues, "imperative-verbs"));
		}

		private static Object require(Map<String, Object> map, String key) {
			var value = map.get(key);
			if (value == null) {
				throw new IllegalStateException("injection-features.yaml: " + key + " is missing");
			}
			return value;
		}

		private static int number(Map<String, Object> map, String key) {
			if (!(require(map, key) instanceof Integer value) || value <= 0) {
				throw new IllegalStateException("injection-features.yaml: windows." + key + " must be a positive whole number");
			}
			return value;
		}

		private static Set<String> words(Map<String, Object> map, String key) {
			if (!(require(map, key) instanceof List<?> list) || list.isEmpty()) {
				throw new IllegalStateException("injection-features.yaml: cues." + key + " must be a non-empty list");
			}
			return list.stream().map(word -> String.valueOf(word).strip().toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toUnmodifiableSet());
		}
	}
}
