package com.groundwork.guardrail.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Personal data by pattern and check digit: e-mail addresses, phone numbers (international and national formats,
 * scored by their shape and the words around them), card numbers (issuer prefix and Luhn), IBANs (country length and
 * mod 97), US social security numbers (SSA rules), IPv4 and IPv6 addresses, and URLs. Overlaps are resolved in favour
 * of the more certain entity. Every pattern is precompiled and free of nested unbounded repetition, so the time is
 * linear in the text. Not a bean of its own: {@link CombinedPiiDetector} uses it.
 */
class PatternPiiDetector implements PiiDetector {

	/** Entities below this confidence are not reported. */
	static final double THRESHOLD = 0.5;

	private static final Pattern EMAIL = Pattern.compile(
			"(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}+@(?:[A-Za-z0-9-]{1,63}+\\.){1,8}[A-Za-z]{2,24}+(?![A-Za-z0-9-])");

	private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";

	private static final Pattern IPV4 = Pattern
		.compile("(?<![\\d.])" + OCTET + "\\." + OCTET + "\\." + OCTET + "\\." + OCTET + "(?!\\.?\\d)");

	private static final Pattern IPV6 = Pattern.compile(
			"(?<![0-9A-Fa-f:.])(?:[0-9A-Fa-f]{0,4}+:){2,7}+(?:\\d{1,3}(?:\\.\\d{1,3}){3}|[0-9A-Fa-f]{1,4}+)?(?![0-9A-Fa-f:])");

	private static final Pattern CARD = Pattern.compile("(?<![\\d.,-])\\d(?:[ -]?\\d){11,18}(?!\\d)");

	private static final Pattern SSN = Pattern.compile("(?<![\\d-])(\\d{3})([- ]?)(\\d{2})\\2(\\d{4})(?![\\d-])");

	private static final Pattern IBAN_START = Pattern.compile("(?<![A-Za-z0-9])[A-Za-z]{2}\\d{2}");

	private static final Pattern PHONE = Pattern.compile("(?<![\\w+/.$€£-])(?<!\\d,)" //
			+ "(?<intl>(?:\\+|00)\\d{1,3}+[ .-]?(?:\\(0\\)[ .-]?)?)?" //
			+ "(?<area>\\(\\d{1,5}+\\)[ .-]?)?" //
			+ "\\d{1,10}+(?:[ .-]\\d{1,10}+){0,6}+" //
			+ "(?<ext>[ ]?(?:x|ext\\.?|extension)[ ]?\\d{1,6}+)?" //
			+ "(?![\\w@]|[.-]\\d|,\\d)");

	private static final Pattern URL = Pattern.compile(
			"(?i)(?<![\\w@.])(?:https?://|www\\.)[^\\s<>\"'()\\[\\]{}|\\\\^`]{2,2000}+");

	/** A label just before a digit group that makes it a phone number ("Phone:", "Fax", "Mobile no."). */
	private static final Pattern PHONE_LABEL_BEFORE = Pattern.compile(
			"(?i)\\b(?:phone|telephone|tel|fax|mobile|mob|cell|cellphone|desk|office|home|work|direct|landline|hotline|"
					+ "whatsapp|contact)\\b\\.?[ \\t]*(?:no\\.?|number|#)?[ \\t]*[:#.-]?\\s{0,4}$");

	/** Words a little before a digit group that make it a phone number ("call me on", "messages to"). */
	private static final Pattern PHONE_VERB_BEFORE = Pattern.compile(
			"(?i)\\b(?:call|calling|called|text|texting|sms|reach|dial|ring|phone|answering|messages?|registered|fax)\\b"
					+ "[^\\d]{0,25}$");

	/** Words before a digit group that make it some other number (licences, accounts, orders). */
	private static final Pattern OTHER_NUMBER_BEFORE = Pattern.compile(
			"(?i)\\b(?:licen[cs]e|account|acct|order|invoice|ticket|passport|serial|reference|ref|tracking|policy|"
					+ "case|customer|member|employee|patient|isbn|zip|postal|postcode|po box|box|suite|apt|unit)\\b[^\\d]{0,20}$");

	/** Labels that follow a phone number in signatures ("…-Office", "… fax"). */
	private static final Pattern PHONE_CONTEXT_AFTER = Pattern
		.compile("(?i)^[ \\t]*[-–(]?[ \\t]*(?:office|fax|mobile|cell|home|work|desk|direct|tel|phone)\\b");

	private static final Pattern SSN_CONTEXT = Pattern
		.compile("(?i)\\b(?:ssn|social security|soc\\.? sec|tax id|taxpayer)\\b[^\\n]{0,30}$");

	private static final Pattern DATE_LIKE = Pattern
		.compile("(\\d{4})([-./])(\\d{1,2})\\2(\\d{1,2})|(\\d{1,2})([-./])(\\d{1,2})\\6(\\d{2}|\\d{4})");

	/** A capitalized name word (at least one lower-case letter after the capital) or an initial. */
	private static final String NAME_WORD = "(?:\\p{Lu}[\\p{L}'’-]{0,30}+\\p{Ll}[\\p{L}'’-]{0,30}+|\\p{Lu}[\\p{Ll}]{1,30}+|\\p{Lu}\\.)";

	/**
	 * A person's name after a phrase that introduces one ("my name is", "Dear", "Mr.", "Name:"): the only names found
	 * without a name list, so precision comes first; a name elsewhere in a sentence is not reported. A cue glued to a
	 * dot or hyphen is a key ({@code company.name: Northwind}), not a phrase.
	 */
	private static final Pattern PERSON = Pattern.compile("(?<cue>(?i:(?<![\\w.\\-])(?:my name is|his name is|her name is|name is|"
			+ "name's|named|called|call me|calls me|i'm|i am|this is|dear|hi|hello|hey|mr|mrs|ms|miss|mx|dr|prof|sir|"
			+ "madam|herr|herrn|frau|hallo|liebe|lieber|sehr geehrte|sehr geehrter|mein name ist|ich bin|ansprechpartner|ansprechpartnerin|follow up with|speak to|talk to|ask for|maiden name is|partner's name|kid|son|daughter|"
			+ "wife|husband|name|user|directed by|starring|sincerely|regards|best)\\b\\.?[:,]?)[ \\t]{1,8}+)"
			+ "(?<name>" + NAME_WORD + "(?:[ ](?:(?i:van|von|de|da|del|der|di|le|la|du|bin|al)[ ])?" + NAME_WORD + "){0,3}+)");

	/** Capitalized words that follow such phrases without being names. */
	private static final java.util.Set<String> NOT_NAMES = java.util.Set.of("The", "A", "An", "I", "We", "You", "He",
			"She", "They", "It", "This", "That", "There", "Here", "My", "Our", "Your", "His", "Her", "Their", "All",
			"Team", "Everyone", "Sir", "Madam", "Customer", "Support", "Monday", "Tuesday", "Wednesday", "Thursday",
			"Friday", "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July", "August",
			"September", "October", "November", "December", "Please", "Thanks", "Thank", "Hello", "Hi", "Dear",
			"Good", "Sorry", "Yes", "No", "Not", "So", "Just", "Also", "Sales", "Regards", "Best", "Kind", "Warm",
			"Name", "Mr", "Mrs", "Ms", "Dr", "Prof", "Address", "Phone", "Email", "E-mail", "Website", "Title");

	@Override
	public List<PiiEntity> detect(String text) {
		if (text == null || text.isEmpty()) {
			return List.of();
		}
		try {
			var candidates = new ArrayList<PiiEntity>();
			emails(text, candidates);
			ipv4(text, candidates);
			ipv6(text, candidates);
			urls(text, candidates);
			ibans(text, candidates);
			cards(text, candidates);
			ssns(text, candidates);
			phones(text, candidates);
			persons(text, candidates);
			return resolve(candidates);
		}
		catch (RuntimeException | StackOverflowError ex) {
			// Never throws: a detector failure must not take a draft down; the caller sees no entity.
			return List.of();
		}
	}

	/** The most certain candidates that do not overlap, in order of position. */
	static List<PiiEntity> resolve(List<PiiEntity> candidates) {
		var sorted = new ArrayList<>(candidates);
		sorted.removeIf(entity -> entity.score() < THRESHOLD);
		sorted.sort(Comparator.comparingDouble(PiiEntity::score)
			.reversed()
			.thenComparing(Comparator.comparingInt((PiiEntity entity) -> entity.end() - entity.start()).reversed()));
		var chosen = new ArrayList<PiiEntity>();
		for (var candidate : sorted) {
			if (chosen.stream().noneMatch(kept -> kept.start() < candidate.end() && candidate.start() < kept.end())) {
				chosen.add(candidate);
			}
		}
		chosen.sort(Comparator.comparingInt(PiiEntity::start));
		return List.copyOf(chosen);
	}

	private static void emails(String text, List<PiiEntity> into) {
		if (text.indexOf('@') < 0) {
			return;
		}
		Matcher matcher = EMAIL.matcher(text);
		while (matcher.find()) {
			int start = matcher.start();
			int end = matcher.end();
			// A local part cannot end with a dot; a sentence's closing dot is not part of the address.
			if (text.charAt(matcher.start()) == '.' || text.charAt(text.indexOf('@', start) - 1) == '.') {
				continue;
			}
			into.add(entity("EMAIL_ADDRESS", text, start, end, 0.95));
		}
	}

	private static void ipv4(String text, List<PiiEntity> into) {
		Matcher matcher = IPV4.matcher(text);
		while (matcher.find()) {
			var before = text.substring(Math.max(0, matcher.start() - 12), matcher.start()).toLowerCase(Locale.ROOT);
			// "version 1.2.3.4" and "v10.0.0.1" are versions, not addresses.
			double score = before.matches("(?s).*\\b(?:version|ver\\.?|release|v)\\s?$") ? 0.3 : 0.9;
			into.add(entity("IP_ADDRESS", text, matcher.start(), matcher.end(), score));
		}
	}

	private static void ipv6(String text, List<PiiEntity> into) {
		if (text.indexOf(':') < 0) {
			return;
		}
		Matcher matcher = IPV6.matcher(text);
		while (matcher.find()) {
			if (validIpv6(matcher.group())) {
				into.add(entity("IP_ADDRESS", text, matcher.start(), matcher.end(), 0.9));
			}
		}
	}

	/** Eight hextets, or fewer around one "::", optionally ending in a dotted IPv4 address. */
	static boolean validIpv6(String candidate) {
		var address = candidate;
		int groupsNeeded = 8;
		if (address.indexOf('.') >= 0) {
			int lastColon = address.lastIndexOf(':');
			if (!IPV4.matcher(address.substring(lastColon + 1)).matches()) {
				return false;
			}
			// The dotted tail stands for the last two hextets.
			address = address.substring(0, lastColon + 1) + "0:0";
		}
		int doubleColon = address.indexOf("::");
		if (doubleColon >= 0 && address.indexOf("::", doubleColon + 1) >= 0) {
			return false;
		}
		if (doubleColon < 0) {
			var groups = address.split(":", -1);
			return groups.length == groupsNeeded && java.util.Arrays.stream(groups).allMatch(PatternPiiDetector::hextet);
		}
		var head = address.substring(0, doubleColon);
		var tail = address.substring(doubleColon + 2);
		var headGroups = head.isEmpty() ? new String[0] : head.split(":", -1);
		var tailGroups = tail.isEmpty() ? new String[0] : tail.split(":", -1);
		if (headGroups.length + tailGroups.length > groupsNeeded - 1) {
			return false;
		}
		// "::" alone or "a::b" in prose (C++ scopes) is not an address worth reporting: ask for two hextets.
		if (headGroups.length + tailGroups.length < 2 && !candidate.equals("::1")) {
			return false;
		}
		return java.util.Arrays.stream(headGroups).allMatch(PatternPiiDetector::hextet)
				&& java.util.Arrays.stream(tailGroups).allMatch(PatternPiiDetector::hextet);
	}

	private static boolean hextet(String group) {
		if (group.isEmpty() || group.length() > 4) {
			return false;
		}
		for (int i = 0; i < group.length(); i++) {
			if (Character.digit(group.charAt(i), 16) < 0) {
				return false;
			}
		}
		return true;
	}

	private static void urls(String text, List<PiiEntity> into) {
		Matcher matcher = URL.matcher(text);
		while (matcher.find()) {
			int end = matcher.end();
			// Trailing sentence punctuation is not part of the address.
			while (end > matcher.start() && ".,;:!?".indexOf(text.charAt(end - 1)) >= 0) {
				end--;
			}
			into.add(entity("URL", text, matcher.start(), end, 0.6));
		}
	}

	private static void ibans(String text, List<PiiEntity> into) {
		Matcher matcher = IBAN_START.matcher(text);
		while (matcher.find()) {
			var country = text.substring(matcher.start(), matcher.start() + 2).toUpperCase(Locale.ROOT);
			Integer length = Checksums.IBAN_LENGTHS.get(country);
			if (length == null) {
				continue;
			}
			var compact = new StringBuilder(text.substring(matcher.start(), matcher.end()));
			int i = matcher.end();
			char separator = 0;
			while (compact.length() < length && i < text.length()) {
				char c = text.charAt(i);
				if (Character.isLetterOrDigit(c) && c < 0x80) {
					compact.append(c);
					i++;
				}
				else if ((c == ' ' || c == '-') && (separator == 0 || separator == c) && i + 1 < text.length()
						&& Character.isLetterOrDigit(text.charAt(i + 1))) {
					separator = c;
					i++;
				}
				else {
					break;
				}
			}
			if (compact.length() != length || (i < text.length() && Character.isLetterOrDigit(text.charAt(i)))) {
				continue;
			}
			if (Checksums.iban(compact.toString())) {
				into.add(entity("IBAN_CODE", text, matcher.start(), i, 0.95));
			}
		}
	}

	private static void cards(String text, List<PiiEntity> into) {
		Matcher matcher = CARD.matcher(text);
		while (matcher.find()) {
			var raw = matcher.group();
			var digits = raw.replaceAll("[ -]", "");
			if (!Checksums.creditCard(digits) || !cardGrouping(raw)) {
				continue;
			}
			into.add(entity("CREDIT_CARD", text, matcher.start(), matcher.end(), 0.9));
		}
	}

	/** Printed card numbers are grouped in fours (the last group shorter), or 4-6-5 / 4-6-4 (Amex, Diners). */
	private static boolean cardGrouping(String raw) {
		if (raw.chars().allMatch(Character::isDigit)) {
			return true;
		}
		var groups = raw.split("[ -]");
		if (raw.contains(" ") && raw.contains("-")) {
			return false;
		}
		if (groups.length == 3 && groups[0].length() == 4 && groups[1].length() == 6
				&& (groups[2].length() == 5 || groups[2].length() == 4)) {
			return true;
		}
		for (int i = 0; i < groups.length; i++) {
			int length = groups[i].length();
			if (i < groups.length - 1 ? length != 4 : length < 1 || length > 4) {
				return false;
			}
		}
		return true;
	}

	private static void ssns(String text, List<PiiEntity> into) {
		Matcher matcher = SSN.matcher(text);
		while (matcher.find()) {
			if (!Checksums.ssn(matcher.group(1), matcher.group(3), matcher.group(4))) {
				continue;
			}
			boolean separated = !matcher.group(2).isEmpty();
			boolean context = SSN_CONTEXT.matcher(text.substring(Math.max(0, matcher.start() - 40), matcher.start()))
				.find();
			double score = separated ? (matcher.group(2).equals("-") ? 0.85 : 0.55) : 0.3;
			if (context) {
				score += 0.3;
			}
			into.add(entity("US_SSN", text, matcher.start(), matcher.end(), Math.min(1.0, score)));
		}
	}

	private static void persons(String text, List<PiiEntity> into) {
		Matcher matcher = PERSON.matcher(text);
		while (matcher.find()) {
			var words = new ArrayList<>(List.of(matcher.group("name").split(" ")));
			int start = matcher.start("name");
			// Drop leading and trailing words that are not names ("Dear Customer Support", "Hi Team").
			while (!words.isEmpty() && NOT_NAMES.contains(words.getFirst().replace(".", ""))) {
				start += words.removeFirst().length() + 1;
			}
			while (!words.isEmpty() && NOT_NAMES.contains(words.getLast().replace(".", ""))) {
				words.removeLast();
			}
			if (words.isEmpty() || words.stream().allMatch(word -> word.length() <= 2)) {
				continue;
			}
			int end = start + String.join(" ", words).length();
			var cue = matcher.group("cue").strip().toLowerCase(Locale.ROOT).replaceAll("[.:,]", "");
			// A title or an introduction is a strong cue; a greeting or a sign-off less so.
			double score = switch (cue) {
				case "hi", "hello", "hey", "dear", "best", "regards", "sincerely", "this is", "i'm", "i am" -> 0.6;
				default -> 0.7;
			};
			into.add(entity("PERSON", text, start, end, score));
		}
	}

	private static void phones(String text, List<PiiEntity> into) {
		Matcher matcher = PHONE.matcher(text);
		while (matcher.find()) {
			var raw = matcher.group();
			int digits = 0;
			var ext = matcher.group("ext");
			var main = ext == null ? raw : raw.substring(0, raw.length() - ext.length());
			for (int i = 0; i < main.length(); i++) {
				if (Character.isDigit(main.charAt(i))) {
					digits++;
				}
			}
			if (digits < 7 || digits > 15) {
				continue;
			}
			double score = phoneShape(main, matcher.group("intl") != null, matcher.group("area") != null, digits);
			if (score <= 0) {
				continue;
			}
			if (ext != null) {
				score += 0.15;
			}
			var before = text.substring(Math.max(0, matcher.start() - 40), matcher.start());
			var after = text.substring(matcher.end(), Math.min(text.length(), matcher.end() + 12));
			if (PHONE_LABEL_BEFORE.matcher(before).find() || PHONE_VERB_BEFORE.matcher(before).find()
					|| PHONE_CONTEXT_AFTER.matcher(after).find()) {
				score += 0.35;
			}
			else if (OTHER_NUMBER_BEFORE.matcher(before).find()) {
				score -= 0.3;
			}
			into.add(entity("PHONE_NUMBER", text, matcher.start(), matcher.end(), Math.min(0.85, score)));
		}
	}

	/** How much a digit run looks like a phone number by its shape alone. */
	static double phoneShape(String main, boolean international, boolean areaInParentheses, int digits) {
		if (international) {
			return digits >= 8 ? 0.8 : 0.4;
		}
		var bare = main.strip();
		var groups = bare.replaceAll("^\\(\\d+\\)[ .-]?", "X ").split("[ .-]");
		if (groups.length == 3 && DATE_LIKE.matcher(bare).matches() && plausibleDate(bare)) {
			return 0;
		}
		if (areaInParentheses) {
			return 0.7;
		}
		if (bare.matches("\\d{3}([-.])\\d{3}\\1\\d{4}") || bare.matches("1[-. ]\\d{3}[-. ]\\d{3}[-. ]\\d{4}")) {
			return 0.75; // North American
		}
		if (groups.length >= 3) {
			boolean thousands = groups[0].length() <= 3 && java.util.Arrays.stream(groups)
				.skip(1)
				.allMatch(group -> group.length() == 3);
			boolean sameSeparator = bare.replaceAll("[\\d()]", "").chars().distinct().count() <= 1;
			if (thousands) {
				return 0.4;
			}
			return sameSeparator ? 0.6 : 0.45;
		}
		if (groups.length == 2) {
			return 0.3;
		}
		return bare.length() >= 9 && bare.startsWith("0") ? 0.3 : 0.2;
	}

	private static boolean plausibleDate(String bare) {
		Matcher matcher = DATE_LIKE.matcher(bare);
		if (!matcher.matches()) {
			return false;
		}
		if (matcher.group(1) != null) {
			int month = Integer.parseInt(matcher.group(3));
			int day = Integer.parseInt(matcher.group(4));
			return month >= 1 && month <= 12 && day >= 1 && day <= 31;
		}
		int a = Integer.parseInt(matcher.group(5));
		int b = Integer.parseInt(matcher.group(7));
		return a >= 1 && b >= 1 && a <= 31 && b <= 31 && (a <= 12 || b <= 12);
	}

	private static PiiEntity entity(String type, String text, int start, int end, double score) {
		return new PiiEntity(type, start, end, text.substring(start, end), score);
	}
}
