package com.groundwork.guardrail.internal;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Personal data told by the words around it, in English and German: dates of birth after "born", "DOB", "geboren";
 * ages ("42 years old", "aged 42", "42 Jahre alt"); postal codes after "ZIP", "postcode", "PLZ"; and street addresses
 * by their shape ("12 Elm Street", "Hauptstraße 5"). Every pattern is bounded, so the time is linear in the text.
 */
final class PiiContextRules {

	private static final String MONTH = "(?:jan(?:uary|uar)?|feb(?:ruary|ruar)?|mar(?:ch)?|märz|apr(?:il)?|ma[iy]|"
			+ "june?|juni|july?|juli|aug(?:ust)?|sep(?:t(?:ember)?)?|o[ck]t(?:ober)?|nov(?:ember)?|de[cz](?:ember)?)\\.?";

	private static final String DATE = "(?:\\d{4}-\\d{1,2}-\\d{1,2}|\\d{1,2}[./-]\\d{1,2}[./-](?:\\d{4}|\\d{2})|"
			+ "\\d{1,2}(?:st|nd|rd|th)?\\.?[ ]" + MONTH + "[ ,]{1,2}\\d{4}|" + MONTH + "[ ]\\d{1,2}(?:st|nd|rd|th)?,?[ ]\\d{4})";

	private static final Pattern BIRTH = Pattern.compile("(?iu)\\b(?:born(?:[ ]on)?|date[ ]of[ ]birth|birth[ ]?date|"
			+ "d\\.?o\\.?b\\.?|birthday(?:[ ]is)?(?:[ ]on)?|geboren(?:[ ]am)?|geb\\.|geburtsdatum|geburtstag(?:[ ]am)?)"
			+ "[ \\t]{0,3}[:#-]?[ \\t]{0,3}(?<date>" + DATE + ")");

	private static final Pattern AGE_AFTER = Pattern.compile("(?iu)(?<![\\d.,])(?<age>\\d{1,3})[ -]?(?:years?[ -]old|"
			+ "year[ -]old|yrs?[ -]old|y/o|y\\.o\\.|jahre[ ]alt|jährige[rn]?|-jährige[rn]?)\\b");

	private static final Pattern AGE_BEFORE = Pattern.compile("(?iu)\\b(?:aged|age|alter|turned|turns|turning|"
			+ "(?:i'll|i[ ]will|will)[ ]turn|im[ ]alter[ ]von)[ \\t]{0,3}[:]?[ \\t]{0,3}(?<age>\\d{1,3})(?![\\d.,:/-]\\d)");

	private static final Pattern ZIP = Pattern.compile("(?iu)\\b(?:zip(?:[ ]?code)?|postal[ ]code|post[ ]?code|plz|"
			+ "postleitzahl)[ \\t]{0,3}[:#]?[ \\t]{0,3}(?<zip>\\d{4,5}(?:-\\d{4})?|[A-Z]{1,2}\\d[A-Z\\d]?[ ]\\d[A-Z]{2})\\b");

	/** "12 Elm Street", "4 Oak Ave. Apt 5", "221B Baker St". */
	private static final Pattern STREET_EN = Pattern.compile("(?u)(?<![\\w-])\\d{1,5}[A-Za-z]?[ ](?:\\p{Lu}[\\p{L}'-]{1,25}[ ]){1,3}"
			+ "(?:Street|St\\.?|Avenue|Ave\\.?|Road|Rd\\.?|Lane|Ln\\.?|Boulevard|Blvd\\.?|Drive|Dr\\.?|Way|Court|Ct\\.?|"
			+ "Place|Pl\\.?|Terrace|Parkway|Square|Close|Crescent)(?![\\w])(?:,?[ ](?:Apt\\.?|Suite|Unit)[ ]?\\d{1,5})?");

	/** "Hauptstraße 5", "Am Ring 12a", "Lindenweg 3". */
	private static final Pattern STREET_DE = Pattern.compile("(?u)(?<![\\w-])(?:\\p{Lu}[\\p{L}-]{1,30}(?:straße|strasse|str\\.|"
			+ "weg|gasse|platz|allee|ring|damm|ufer|chaussee)|(?:\\p{Lu}[\\p{L}-]{1,30}[ ])(?:Straße|Strasse|Str\\.|Weg|Gasse|"
			+ "Platz|Allee|Ring|Damm))[ ]\\d{1,4}[a-z]?(?![\\w])");

	private PiiContextRules() {
	}

	static void detect(String text, List<PiiEntity> into) {
		add(BIRTH, "date", "DATE_OF_BIRTH", 0.85, text, into);
		for (var pattern : List.of(AGE_AFTER, AGE_BEFORE)) {
			Matcher matcher = pattern.matcher(text);
			while (matcher.find()) {
				int age = Integer.parseInt(matcher.group("age"));
				if (age >= 1 && age <= 120) {
					into.add(entity("AGE", text, matcher.start("age"), matcher.end("age"), 0.8));
				}
			}
		}
		add(ZIP, "zip", "ZIP_CODE", 0.8, text, into);
		add(STREET_EN, null, "STREET_ADDRESS", 0.75, text, into);
		add(STREET_DE, null, "STREET_ADDRESS", 0.75, text, into);
	}

	private static void add(Pattern pattern, String group, String type, double score, String text, List<PiiEntity> into) {
		Matcher matcher = pattern.matcher(text);
		while (matcher.find()) {
			int start = group == null ? matcher.start() : matcher.start(group);
			int end = group == null ? matcher.end() : matcher.end(group);
			into.add(entity(type, text, start, end, score));
		}
	}

	private static PiiEntity entity(String type, String text, int start, int end, double score) {
		return new PiiEntity(type, start, end, text.substring(start, end), score);
	}
}
