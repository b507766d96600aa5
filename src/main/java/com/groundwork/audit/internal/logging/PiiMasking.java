package com.groundwork.audit.internal.logging;

import java.math.BigInteger;
import org.jspecify.annotations.Nullable;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small, fast, dependency-free masker for log lines: e-mail addresses, IBANs (checked with ISO 13616 mod-97),
 * payment card numbers (checked with Luhn) and phone numbers become {@code [email]}, {@code [iban]}, {@code [card]},
 * {@code [phone]}. It must not depend on Spring (logging starts before the context and outlives it), so these patterns
 * run always; they are tuned to miss little in log lines while leaving ids, timestamps and durations alone. While the
 * application runs, the guardrails' personal-data detector (names, places, addresses, dates of birth, …) is installed
 * with {@link #useDetector} and masks what the patterns leave, as {@code <PERSON>}, {@code <LOCATION>}, ….
 */
public final class PiiMasking {

	private static volatile @Nullable UnaryOperator<String> detector;

	/** Set while the detector masks on this thread: whatever it logs is not masked by it again. */
	private static final ThreadLocal<Boolean> DETECTING = ThreadLocal.withInitial(() -> false);

	private static final Pattern EMAIL = Pattern
		.compile("[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");

	private static final Pattern IBAN = Pattern.compile("\\b[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]){11,30}\\b");

	private static final Pattern CARD = Pattern.compile("(?<![\\w.])\\d(?:[ -]?\\d){12,18}(?![\\w.])");

	/** A leading + and 8 to 15 digits, or 9 to 15 digits in groups separated by spaces, dots, dashes or parentheses. */
	private static final Pattern PHONE = Pattern
		.compile("(?<![\\w+.:/-])(?:\\+\\d[\\d ().-]{6,20}\\d|\\(?\\d{2,5}\\)?(?:[ .-]\\(?\\d{2,5}\\)?){1,4})(?![\\w.:/-])");

	private PiiMasking() {
	}

	/** Installs the application's personal-data detector (a text → the text masked); null removes it. */
	public static void useDetector(@Nullable UnaryOperator<String> masker) {
		detector = masker;
	}

	public static String mask(String text) {
		if (text == null || text.isEmpty()) {
			return text;
		}
		var masked = text;
		if (worthScanning(text)) {
			masked = replace(EMAIL, masked, "[email]", match -> true);
			masked = replace(IBAN, masked, "[iban]", PiiMasking::validIban);
			masked = replace(CARD, masked, "[card]", PiiMasking::luhn);
			masked = replace(PHONE, masked, "[phone]", PiiMasking::phoneLike);
		}
		var installed = detector;
		if (installed == null || DETECTING.get()) {
			return masked;
		}
		DETECTING.set(true);
		try {
			return installed.apply(masked);
		}
		catch (RuntimeException ex) {
			return masked; // a log line is never lost to the detector
		}
		finally {
			DETECTING.set(false);
		}
	}

	/** Most log lines hold neither an @ nor eight digits: those are returned without running a pattern. */
	private static boolean worthScanning(String text) {
		int digits = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '@') {
				return true;
			}
			if (c >= '0' && c <= '9' && ++digits >= 8) {
				return true;
			}
		}
		return false;
	}

	private static String replace(Pattern pattern, String text, String replacement, Predicate<String> valid) {
		Matcher matcher = pattern.matcher(text);
		if (!matcher.find()) {
			return text;
		}
		var out = new StringBuilder(text.length());
		int last = 0;
		do {
			if (valid.test(matcher.group())) {
				out.append(text, last, matcher.start()).append(replacement);
				last = matcher.end();
			}
		}
		while (matcher.find());
		return out.append(text, last, text.length()).toString();
	}

	static boolean luhn(String candidate) {
		var digits = candidate.replaceAll("[^0-9]", "");
		if (digits.length() < 13 || digits.length() > 19) {
			return false;
		}
		int sum = 0;
		boolean doubled = false;
		for (int i = digits.length() - 1; i >= 0; i--) {
			int d = digits.charAt(i) - '0';
			if (doubled) {
				d *= 2;
				if (d > 9) {
					d -= 9;
				}
			}
			sum += d;
			doubled = !doubled;
		}
		return sum % 10 == 0;
	}

	static boolean validIban(String candidate) {
		var iban = candidate.replace(" ", "");
		if (iban.length() < 15 || iban.length() > 34) {
			return false;
		}
		var rearranged = iban.substring(4) + iban.substring(0, 4);
		var numeric = new StringBuilder();
		for (char c : rearranged.toCharArray()) {
			numeric.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
		}
		return new BigInteger(numeric.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
	}

	private static boolean phoneLike(String candidate) {
		long digits = candidate.chars().filter(Character::isDigit).count();
		if (candidate.startsWith("+")) {
			return digits >= 8 && digits <= 15;
		}
		// ISO dates (2026-11-27) and times have exactly 8 digits in 4-2-2 groups: a phone needs 9 or more.
		return digits >= 9 && digits <= 15;
	}
}
