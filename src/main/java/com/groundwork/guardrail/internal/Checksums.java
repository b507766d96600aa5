package com.groundwork.guardrail.internal;

import java.util.Map;

/** The check digits and number rules that tell real identifiers from look-alike digit runs. */
final class Checksums {

	/**
	 * IBAN length per country (ISO 13616 registry, SWIFT release 2024), including the country code and check digits.
	 */
	static final Map<String, Integer> IBAN_LENGTHS = Map.ofEntries(Map.entry("AD", 24), Map.entry("AE", 23),
			Map.entry("AL", 28), Map.entry("AT", 20), Map.entry("AZ", 28), Map.entry("BA", 20), Map.entry("BE", 16),
			Map.entry("BG", 22), Map.entry("BH", 22), Map.entry("BI", 27), Map.entry("BR", 29), Map.entry("BY", 28),
			Map.entry("CH", 21), Map.entry("CR", 22), Map.entry("CY", 28), Map.entry("CZ", 24), Map.entry("DE", 22),
			Map.entry("DJ", 27), Map.entry("DK", 18), Map.entry("DO", 28), Map.entry("EE", 20), Map.entry("EG", 29),
			Map.entry("ES", 24), Map.entry("FI", 18), Map.entry("FK", 18), Map.entry("FO", 18), Map.entry("FR", 27),
			Map.entry("GB", 22), Map.entry("GE", 22), Map.entry("GI", 23), Map.entry("GL", 18), Map.entry("GR", 27),
			Map.entry("GT", 28), Map.entry("HR", 21), Map.entry("HU", 28), Map.entry("IE", 22), Map.entry("IL", 23),
			Map.entry("IQ", 23), Map.entry("IS", 26), Map.entry("IT", 27), Map.entry("JO", 30), Map.entry("KW", 30),
			Map.entry("KZ", 20), Map.entry("LB", 28), Map.entry("LC", 32), Map.entry("LI", 21), Map.entry("LT", 20),
			Map.entry("LU", 20), Map.entry("LV", 21), Map.entry("LY", 25), Map.entry("MC", 27), Map.entry("MD", 24),
			Map.entry("ME", 22), Map.entry("MK", 19), Map.entry("MN", 20), Map.entry("MR", 27), Map.entry("MT", 31),
			Map.entry("MU", 30), Map.entry("NI", 28), Map.entry("NL", 18), Map.entry("NO", 15), Map.entry("OM", 23),
			Map.entry("PK", 24), Map.entry("PL", 28), Map.entry("PS", 29), Map.entry("PT", 25), Map.entry("QA", 29),
			Map.entry("RO", 24), Map.entry("RS", 22), Map.entry("RU", 33), Map.entry("SA", 24), Map.entry("SC", 31),
			Map.entry("SD", 18), Map.entry("SE", 24), Map.entry("SI", 19), Map.entry("SK", 24), Map.entry("SM", 27),
			Map.entry("SO", 23), Map.entry("ST", 25), Map.entry("SV", 28), Map.entry("TL", 23), Map.entry("TN", 24),
			Map.entry("TR", 26), Map.entry("UA", 29), Map.entry("VA", 22), Map.entry("VG", 24), Map.entry("XK", 20),
			Map.entry("YE", 30));

	private Checksums() {
	}

	/** Luhn (mod 10) over the digits of {@code number}; false when it holds no digit or anything but digits. */
	static boolean luhn(CharSequence number) {
		int sum = 0;
		int count = 0;
		for (int i = number.length() - 1; i >= 0; i--) {
			char c = number.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
			int digit = c - '0';
			if (count % 2 == 1) {
				digit *= 2;
				if (digit > 9) {
					digit -= 9;
				}
			}
			sum += digit;
			count++;
		}
		return count > 0 && sum % 10 == 0;
	}

	/**
	 * A card number: 12–19 digits, a known issuer prefix (Visa, Mastercard, Amex, Diners, Discover, JCB, Maestro,
	 * UnionPay, Mir) and a valid Luhn check digit.
	 */
	static boolean creditCard(String digits) {
		int length = digits.length();
		if (length < 12 || length > 19 || !luhn(digits) || allSame(digits)) {
			return false;
		}
		int two = Integer.parseInt(digits.substring(0, 2));
		int four = Integer.parseInt(digits.substring(0, 4));
		return switch (digits.charAt(0)) {
			case '4' -> length == 13 || length == 16 || length == 19; // Visa
			case '5' -> (two >= 51 && two <= 55 && length == 16) || two == 50 || two >= 56; // Mastercard, Maestro
			case '2' -> (four >= 2221 && four <= 2720 && length == 16) || four == 2131 || (four >= 2200 && four <= 2204);
			case '3' -> ((two == 34 || two == 37) && length == 15) // Amex
					|| ((two == 30 || two == 36 || two == 38 || two == 39) && length >= 14) // Diners
					|| two == 35; // JCB
			case '6' -> true; // Discover, Maestro, UnionPay, RuPay
			case '1' -> four == 1800; // JCB (15 digits)
			default -> false;
		};
	}

	/** An IBAN: known country, its length, and ISO 7064 mod 97-10 check digits. {@code iban} without spaces. */
	static boolean iban(String iban) {
		if (iban.length() < 15 || iban.length() > 34) {
			return false;
		}
		var upper = iban.toUpperCase(java.util.Locale.ROOT);
		Integer length = IBAN_LENGTHS.get(upper.substring(0, 2));
		if (length == null || length != upper.length() || !Character.isDigit(upper.charAt(2))
				|| !Character.isDigit(upper.charAt(3))) {
			return false;
		}
		int remainder = 0;
		for (int i = 0; i < upper.length(); i++) {
			char c = upper.charAt((i + 4) % upper.length());
			int value;
			if (c >= '0' && c <= '9') {
				value = c - '0';
				remainder = (remainder * 10 + value) % 97;
			}
			else if (c >= 'A' && c <= 'Z') {
				value = c - 'A' + 10;
				remainder = (remainder * 100 + value) % 97;
			}
			else {
				return false;
			}
		}
		return remainder == 1;
	}

	/**
	 * A US social security number as the SSA issues them: area not 000, 666 or 900–999, group not 00, serial not
	 * 0000, and none of the numbers published in advertising (078-05-1120, 219-09-9999, 123-45-6789).
	 */
	static boolean ssn(String area, String group, String serial) {
		if (area.length() != 3 || group.length() != 2 || serial.length() != 4) {
			return false;
		}
		int a = Integer.parseInt(area);
		var whole = area + group + serial;
		return a != 0 && a != 666 && a < 900 && !group.equals("00") && !serial.equals("0000") && !allSame(whole)
				&& !whole.equals("078051120") && !whole.equals("219099999") && !whole.equals("123456789");
	}

	private static boolean allSame(String digits) {
		return digits.chars().allMatch(c -> c == digits.charAt(0));
	}
}
