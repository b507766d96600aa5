package com.groundwork.guardrail.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Small, allocation-light text scanning for the checks: word-bounded phrase search, words, URLs, e-mail addresses and
 * sentence splitting. Patterns are compiled once and written without nested quantifiers, so no input can make them
 * backtrack.
 */
final class Texts {

	/** {@code https://…}, {@code http://…} or {@code www.…} up to white space or a closing delimiter. */
	static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|www\\.)[^\\s<>()\\[\\]{}\"'`]++");

	/** {@code name.tld} or {@code sub.name.tld/path} without a scheme. */
	static final Pattern BARE_DOMAIN = Pattern
		.compile("(?i)(?<![@\\w.-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.){1,6}([a-z]{2,24})(?![\\w@-])(?:/[^\\s<>()\"']*+)?");

	static final Pattern EMAIL = Pattern
		.compile("(?i)[\\p{L}0-9._%+-]{1,64}+@(?:[\\p{L}0-9](?:[\\p{L}0-9-]{0,61}[\\p{L}0-9])?\\.){1,6}[\\p{L}]{2,24}");

	private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]{0,20}://");

	private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s++(?=[\\p{Lu}\\p{N}\"“„'(\\[])|\\R\\s*+");

	private Texts() {
	}

	static String lower(String text) {
		return text.toLowerCase(Locale.ROOT);
	}

	static boolean wordChar(char c) {
		return Character.isLetterOrDigit(c) || c == '_';
	}

	/**
	 * Where {@code phrase} starts in {@code text} at word boundaries (a phrase's own non-word edges need none), from
	 * {@code from}; both lower-cased by the caller; -1 if nowhere.
	 */
	static int find(String text, String phrase, int from) {
		if (phrase.isEmpty()) {
			return -1;
		}
		boolean boundedStart = wordChar(phrase.charAt(0));
		boolean boundedEnd = wordChar(phrase.charAt(phrase.length() - 1));
		int at = text.indexOf(phrase, from);
		while (at >= 0) {
			int end = at + phrase.length();
			boolean startOk = !boundedStart || at == 0 || !wordChar(text.charAt(at - 1));
			boolean endOk = !boundedEnd || end == text.length() || !wordChar(text.charAt(end));
			if (startOk && endOk) {
				return at;
			}
			at = text.indexOf(phrase, at + 1);
		}
		return -1;
	}

	static boolean contains(String text, String phrase) {
		return find(text, phrase, 0) >= 0;
	}

	/** A number as a claim: found where neither neighbour is a digit (so 9 is not found in 97.1). */
	static boolean containsNumber(String text, String number) {
		int at = text.indexOf(number);
		while (at >= 0) {
			int end = at + number.length();
			boolean startOk = at == 0 || !Character.isDigit(text.charAt(at - 1))
					&& !((text.charAt(at - 1) == '.' || text.charAt(at - 1) == ',') && at > 1
							&& Character.isDigit(text.charAt(at - 2)));
			boolean endOk = end == text.length() || !Character.isDigit(text.charAt(end))
					&& !((text.charAt(end) == '.' || text.charAt(end) == ',') && end + 1 < text.length()
							&& Character.isDigit(text.charAt(end + 1)));
			if (startOk && endOk) {
				return true;
			}
			at = text.indexOf(number, at + 1);
		}
		return false;
	}

	/** The words of a text as {@code [start, end)} pairs: letters, digits and inner apostrophes or hyphens. */
	static List<int[]> words(String text) {
		var words = new ArrayList<int[]>();
		int i = 0;
		int n = text.length();
		while (i < n) {
			while (i < n && !Character.isLetterOrDigit(text.charAt(i))) {
				i++;
			}
			int start = i;
			while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || (text.charAt(i) == '\'' || text.charAt(i) == '’'
					|| text.charAt(i) == '-') && i + 1 < n && Character.isLetterOrDigit(text.charAt(i + 1)))) {
				i++;
			}
			if (i > start) {
				words.add(new int[] { start, i });
			}
		}
		return words;
	}

	static int wordCount(String text) {
		return words(text).size();
	}

	/** Lower-case words, for shingle comparison. */
	static List<String> lowerWords(String text) {
		var lower = lower(text);
		return words(lower).stream().map(span -> lower.substring(span[0], span[1])).toList();
	}

	/** Sentences of a free text (a body given whole, or a reviewer's edit): split after . ! ? and at line breaks. */
	static List<String> sentences(String body) {
		var sentences = new ArrayList<String>();
		for (var part : SENTENCE_END.split(body.strip())) {
			var sentence = part.strip();
			if (!sentence.isEmpty()) {
				sentences.add(sentence);
			}
		}
		return sentences;
	}

	/** The host of a URL or bare domain, lower-cased, without port, user info or trailing dot. */
	static String hostOf(String link) {
		var rest = SCHEME.matcher(link).replaceFirst("");
		int end = rest.length();
		for (int i = 0; i < rest.length(); i++) {
			char c = rest.charAt(i);
			if (c == '/' || c == '?' || c == '#') {
				end = i;
				break;
			}
		}
		var authority = rest.substring(0, end);
		authority = authority.substring(authority.lastIndexOf('@') + 1);
		int colon = authority.indexOf(':');
		if (colon >= 0) {
			authority = authority.substring(0, colon);
		}
		while (authority.endsWith(".")) {
			authority = authority.substring(0, authority.length() - 1);
		}
		return lower(authority);
	}

	/** Whether a host is one of the domains or below one of them. */
	static boolean hostAllowed(String host, List<String> domains) {
		for (var domain : domains) {
			if (host.equals(domain) || host.endsWith("." + domain)) {
				return true;
			}
		}
		return false;
	}

	/** Personal data shown in evidence: first character kept, letters and digits after it replaced by •. */
	static String maskValue(String value) {
		var out = new StringBuilder(value.length());
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			out.append(i > 0 && Character.isLetterOrDigit(c) ? '•' : c);
		}
		return out.toString();
	}

	/** At most {@code max} characters, with an ellipsis when shortened. */
	static String shorten(String text, int max) {
		var flat = text.replaceAll("\\s+", " ").strip();
		return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
	}
}
