package com.groundwork.insight.internal.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Pattern;
import net.datafaker.Faker;

/**
 * Training sentences for the name finder: the templates of {@code eval/pii-names/templates.txt} filled with Datafaker's
 * locale data. Deterministic for a seed: one random source chooses templates and locales, and each locale's faker has
 * its own seeded source, called in a fixed order.
 */
final class PiiNameSentences {

	/** A labelled character span of a generated sentence. */
	record Entity(String type, int start, int end) {
	}

	record Sentence(String text, List<Entity> entities) {
	}

	record Template(String language, String text) {
	}

	private static final Pattern SLOT = Pattern.compile("\\{([A-Z_]+)}");

	private static final Map<String, String> LABELS = Map.of("PERSON", "PERSON", "MIDDLE", "PERSON", "FIRST", "PERSON", "LAST", "PERSON",
			"CITY", "LOCATION", "COUNTRY", "LOCATION", "STATE", "LOCATION", "STREET", "STREET_ADDRESS", "ADDRESS",
			"STREET_ADDRESS", "COMPANY", "ORGANIZATION");

	private final List<Template> templates;

	private final Random random;

	private final Map<String, Faker> fakers = new LinkedHashMap<>();

	private final List<String> locales;

	private final List<String> germanLocales;

	private final double upperCasePlaces;

	private final double lowerCaseSentences;

	private final Faker english;

	PiiNameSentences(List<Template> templates, long seed, List<String> locales, List<String> germanLocales,
			double upperCasePlaces, double lowerCaseSentences) {
		this.lowerCaseSentences = lowerCaseSentences;
		this.templates = templates;
		this.random = new Random(seed);
		this.locales = locales;
		this.germanLocales = germanLocales;
		this.upperCasePlaces = upperCasePlaces;
		int index = 0;
		for (var tag : java.util.stream.Stream.concat(locales.stream(), germanLocales.stream()).distinct().toList()) {
			fakers.put(tag, new Faker(Locale.forLanguageTag(tag), new Random(seed * 31 + index++)));
		}
		this.english = new Faker(Locale.forLanguageTag("en"), new Random(seed * 31 + index));
	}

	static List<Template> readTemplates(Path file) throws IOException {
		var templates = new ArrayList<Template>();
		for (var line : Files.readAllLines(file)) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			int bar = line.indexOf('|');
			templates.add(new Template(line.substring(0, bar), line.substring(bar + 1).replace("\\n", "\n")));
		}
		return templates;
	}

	List<Sentence> generate(int count) {
		var sentences = new ArrayList<Sentence>(count);
		for (int i = 0; i < count; i++) {
			var template = templates.get(random.nextInt(templates.size()));
			var pool = "de".equals(template.language()) ? germanLocales : locales;
			var faker = fakers.get(pool.get(random.nextInt(pool.size())));
			sentences.add(fill(template, faker, "de".equals(template.language())));
		}
		return sentences;
	}

	private Sentence fill(Template template, Faker faker, boolean german) {
		var out = new StringBuilder();
		var entities = new ArrayList<Entity>();
		var matcher = SLOT.matcher(template.text());
		int at = 0;
		while (matcher.find()) {
			out.append(template.text(), at, matcher.start());
			var slot = matcher.group(1);
			var value = value(slot, faker, german).strip();
			int start = out.length();
			out.append(value);
			var label = LABELS.get(slot);
			if (label != null && !value.isEmpty()) {
				entities.add(new Entity(label, start, out.length()));
			}
			at = matcher.end();
		}
		out.append(template.text().substring(at));
		var text = out.toString();
		// Lower-casing keeps the offsets: the letters of these alphabets keep their length.
		if (random.nextDouble() < lowerCaseSentences && text.toLowerCase(Locale.ROOT).length() == text.length()) {
			text = text.toLowerCase(Locale.ROOT);
		}
		return new Sentence(text, List.copyOf(entities));
	}

	private String value(String slot, Faker faker, boolean german) {
		return switch (slot) {
			case "PERSON" -> safe(faker, f -> f.name().firstName()) + " " + safe(faker, f -> f.name().lastName());
			case "MIDDLE" -> safe(faker, f -> f.name().firstName()) + " " + (char) ('A' + random.nextInt(26))
					+ (random.nextBoolean() ? ". " : " ") + safe(faker, f -> f.name().lastName());
			case "FIRST" -> safe(faker, f -> f.name().firstName());
			case "LAST" -> safe(faker, f -> f.name().lastName());
			case "CITY" -> place(safe(faker, f -> f.address().city()));
			case "COUNTRY" -> place(safe(faker, f -> f.address().country()));
			case "STATE" -> random.nextInt(4) == 0 ? safe(faker, f -> f.address().stateAbbr())
					: place(safe(faker, f -> f.address().state()));
			case "STREET" -> safe(faker, f -> f.address().streetAddress());
			case "ADDRESS" -> safe(faker, f -> f.address().streetAddress()) + ", "
					+ safe(faker, f -> f.address().zipCode()) + " " + place(safe(faker, f -> f.address().city()));
			case "COMPANY" -> safe(faker, f -> f.company().name());
			case "PREFIX" -> german ? (random.nextBoolean() ? "Herr" : "Frau")
					: List.of("Mr.", "Mrs.", "Ms.", "Dr.", "Mr", "Prof.").get(random.nextInt(6));
			case "JOB" -> safe(faker, f -> f.job().title());
			case "PRODUCT" -> safe(english, f -> f.commerce().productName());
			case "ZIP" -> safe(faker, f -> f.address().zipCode());
			case "NUM" -> String.valueOf(2 + random.nextInt(400));
			case "AGE" -> String.valueOf(18 + random.nextInt(70));
			case "DATE" -> LocalDate.of(2020, 1, 1)
				.plusDays(random.nextInt(2500))
				.format(DateTimeFormatter.ofPattern(german ? "d. MMMM yyyy" : "MMMM d, yyyy",
						german ? Locale.GERMAN : Locale.ENGLISH));
			case "EMAIL" -> safe(english, f -> f.internet().emailAddress());
			case "PHONE" -> safe(faker, f -> f.phoneNumber().phoneNumber());
			case "WEEKDAY" -> DayOfWeek.of(1 + random.nextInt(7))
				.getDisplayName(TextStyle.FULL, german ? Locale.GERMAN : Locale.ENGLISH);
			default -> throw new IllegalArgumentException("unknown template slot {" + slot + "}");
		};
	}

	/** Printed addresses often write places in capitals. */
	private String place(String name) {
		return random.nextDouble() < upperCasePlaces ? name.toUpperCase(Locale.ROOT) : name;
	}

	/** A locale without the key falls back to English data. */
	private String safe(Faker faker, Function<Faker, String> value) {
		try {
			var result = value.apply(faker);
			if (result != null && !result.isBlank()) {
				return result;
			}
		}
		catch (RuntimeException ex) {
			// the locale lacks this key
		}
		return value.apply(english);
	}
}
