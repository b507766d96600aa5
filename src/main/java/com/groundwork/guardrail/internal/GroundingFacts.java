package com.groundwork.guardrail.internal;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The lead facts a claim may rest on. Only values shaped like the contract's fields allowed for generation count: a
 * label, a number, a list of labels, or a short one-line name or title (company name, first name, job title). Free
 * text never does — CRM notes and fields like them (by name), nor prose in any field: an instruction planted in a lead
 * field would otherwise become a "fact" that grounds a sentence obeying it. Such text may still reach the prompt when
 * the injection screen lets it through; it just proves nothing.
 */
final class GroundingFacts {

	/** Field names that hold free text whatever their value: notes, comments, descriptions, messages. */
	private static final Pattern NOTES_LIKE = Pattern.compile(
			"(?i)(?:^|[._-])(?:notes?|comments?|descriptions?|remarks?|summary|messages?|body|text|free-?text)$");

	/**
	 * A value with a link, an address, quotes (a single-quoted phrase too, not an apostrophe as in "Land's End"), a line
	 * break or a sentence ending inside (a full stop before a lower-case word or before three more words; "Co. KG" is a
	 * name) is prose, not a name. Case-sensitive on purpose.
	 */
	private static final Pattern PROSE = Pattern.compile(
			"(?:[Hh][Tt][Tt][Pp][Ss]?://|[Ww][Ww][Ww]\\.|@|[\"“”«»`]|(?:^|\\s)'[^']+'|[\\r\\n]|[!?;:]|\\.\\s+\\p{Ll}|\\.\\s+\\S+\\s+\\S+\\s+\\S+)");

	/** Longer than a realistic name or title (e.g. "Senior Vice President, Global Supply Chain": 6 words). */
	static final int MAX_WORDS = 8;

	static final int MAX_CHARS = 120;

	private GroundingFacts() {
	}

	/** The facts claims may rest on, lower-cased, one text. */
	static String of(Map<String, String> leadFacts) {
		var kept = new StringBuilder();
		leadFacts.forEach((name, value) -> {
			if (counts(name, value)) {
				kept.append(value).append('\n');
			}
		});
		return Texts.lower(kept.toString());
	}

	/** Whether a lead fact may ground a claim: not a notes-like field, and a value shaped like a name or label. */
	static boolean counts(String name, String value) {
		if (NOTES_LIKE.matcher(name.strip()).find()) {
			return false;
		}
		var stripped = value.strip();
		return stripped.length() <= MAX_CHARS && stripped.split("\\s+").length <= MAX_WORDS
				&& !PROSE.matcher(stripped).find();
	}
}
