package com.groundwork.guardrail.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Numbers as written in English and German ("410,000" and "410.000", "86.4" and "86,4", "93%" and "93 %",
 * "1.2 million" and "1,2 Mio."), read to their values so that a draft in one style is grounded in a passage in the
 * other. A single separator followed by exactly three digits groups thousands ("1.200", "1,200"), otherwise it is the
 * decimal mark ("1,2", "0.125"); with both, the last one is the decimal mark ("1.234,5", "1,234.5").
 */
final class Numbers {

	/**
	 * A number in a text.
	 *
	 * @param digitsEnd where its digits end (a unit word may follow)
	 * @param end where it ends, percent sign and scale word included
	 * @param value its value, scale applied; null when it cannot be read
	 * @param scaled whether a scale word ("Mio.", "million") follows
	 */
	record Number(int start, int digitsEnd, int end, @Nullable BigDecimal value, boolean percent, boolean scaled) {
	}

	private Numbers() {
	}

	/**
	 * Digits (with inner separators, a trailing {@code %} or {@code  %}, and a scale word) not glued to a letter or
	 * digit before them (Q1, X12 are names).
	 */
	static List<Number> scan(String text, Map<String, Double> scales) {
		var numbers = new ArrayList<Number>();
		int n = text.length();
		int i = 0;
		while (i < n) {
			char c = text.charAt(i);
			if (!Character.isDigit(c) || i > 0 && (Character.isLetter(text.charAt(i - 1)) || Character.isDigit(text.charAt(i - 1)))) {
				i++;
				continue;
			}
			int start = i;
			while (i < n && (Character.isDigit(text.charAt(i)) || (text.charAt(i) == '.' || text.charAt(i) == ',')
					&& i + 1 < n && Character.isDigit(text.charAt(i + 1)))) {
				i++;
			}
			int digitsEnd = i;
			var value = value(text.substring(start, digitsEnd));
			int end = digitsEnd;
			boolean percent = false;
			boolean scaled = false;
			int after = space(text, end);
			if (after < n && text.charAt(after) == '%') {
				percent = true;
				end = after + 1;
			}
			else if (after < n && Character.isLetter(text.charAt(after))) {
				int word = after;
				while (word < n && Character.isLetter(text.charAt(word))) {
					word++;
				}
				var scale = scales.get(Texts.lower(text.substring(after, word)));
				if (scale != null) {
					scaled = true;
					end = word < n && text.charAt(word) == '.' ? word + 1 : word;
					value = value == null ? null : value.multiply(BigDecimal.valueOf(scale));
				}
			}
			numbers.add(new Number(start, digitsEnd, end, value, percent, scaled));
			i = Math.max(i, end);
		}
		return numbers;
	}

	/** The value of digits with separators, or null. */
	static @Nullable BigDecimal value(String digits) {
		int dots = count(digits, '.');
		int commas = count(digits, ',');
		char decimal = 0;
		if (dots > 0 && commas > 0) {
			decimal = digits.lastIndexOf('.') > digits.lastIndexOf(',') ? '.' : ',';
		}
		else if (dots + commas == 1) {
			char separator = dots > 0 ? '.' : ',';
			int at = digits.indexOf(separator);
			boolean thousands = digits.length() - at - 1 == 3 && !digits.substring(0, at).equals("0");
			decimal = thousands ? 0 : separator;
		}
		var plain = new StringBuilder(digits.length());
		for (int i = 0; i < digits.length(); i++) {
			char c = digits.charAt(i);
			if (Character.isDigit(c)) {
				plain.append(Character.forDigit(Character.digit(c, 10), 10));
			}
			else if (c == decimal) {
				plain.append('.');
			}
		}
		try {
			return new BigDecimal(plain.toString());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/** After one space (also no-break or narrow no-break) at {@code at}, or {@code at}. */
	private static int space(String text, int at) {
		if (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\u00a0' || text.charAt(at) == '\u202f')) {
			return at + 1;
		}
		return at;
	}

	private static int count(String text, char c) {
		int count = 0;
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) == c) {
				count++;
			}
		}
		return count;
	}
}
