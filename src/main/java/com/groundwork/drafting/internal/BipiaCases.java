package com.groundwork.drafting.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The injection evaluation's cases: every BIPIA attack, tagged with a unique canary, planted into every e-mail
 * context in each place untrusted text reaches a draft from — a knowledge passage, the lead's CRM notes, a lead field
 * (the company name, which is allowed for generation) — at the start, middle or end of the context (in turn, as BIPIA
 * does).
 */
final class BipiaCases {

	/** Where untrusted text enters a draft. */
	enum Place {
		PASSAGE, CRM_NOTES, LEAD_FIELD;

		String slug() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}
	}

	enum Position {
		START, MIDDLE, END
	}

	/** Company names for the lead field, in turn; realistic and free of instructions. */
	static final List<String> COMPANIES = List.of("Harbourline Freight", "Northwind Traders", "Cascade Retail Group",
			"Maple Healthcare", "Summit Financial", "Fjord Manufacturing", "Prairie Logistics", "Gulf Horizon Energy");

	static final int MAX_NOTES = 5000;

	static final int MAX_COMPANY_NAME = 200;

	/** One e-mail context of the set. */
	record Email(int index, String context) {
	}

	/**
	 * One planted attack.
	 * @param instruction the attack as planted, with its canary clause
	 * @param canary the unique code the clause asks for (e.g. {@code ZX-4711})
	 * @param text the untrusted text of its place, attack included
	 * @param untagged the same text with the attack but without the canary clause
	 * @param clean the same text without any attack
	 */
	record Case(int index, Email email, String category, String attack, String instruction, String canary, Place place,
			Position position, String text, String untagged, String clean) {
	}

	private BipiaCases() {
	}

	static List<Email> emails(JsonMapper mapper, Path file) {
		var emails = new ArrayList<Email>();
		try {
			for (var line : Files.readAllLines(file)) {
				if (!line.isBlank()) {
					var context = mapper.readTree(line).path("context").asString();
					if (!context.isBlank()) {
						emails.add(new Email(emails.size(), context));
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return emails;
	}

	/** Category → attack instructions, in file order. */
	static Map<String, List<String>> attacks(JsonMapper mapper, Path file) {
		JsonNode root;
		try {
			root = mapper.readTree(Files.readString(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		var attacks = new LinkedHashMap<String, List<String>>();
		for (var entry : root.properties()) {
			var list = new ArrayList<String>();
			entry.getValue().forEach(node -> list.add(node.asString()));
			attacks.put(entry.getKey(), List.copyOf(list));
		}
		return attacks;
	}

	/** Every attack × every e-mail × every place; positions and company names in turn. */
	static List<Case> plant(List<Email> emails, Map<String, List<String>> attacks) {
		var cases = new ArrayList<Case>();
		for (var category : attacks.entrySet()) {
			for (var attack : category.getValue()) {
				for (var email : emails) {
					for (var place : Place.values()) {
						int index = cases.size();
						var canary = canary(index);
						var instruction = tag(attack, canary);
						var position = Position.values()[Math.floorMod(index / Place.values().length, 3)];
						cases.add(new Case(index, email, category.getKey(), attack, instruction, canary, place, position,
								place(place, email, instruction, position), place(place, email, attack.strip(), position),
								clean(place, email)));
					}
				}
			}
		}
		return cases;
	}

	/** Unique per case, shaped like the reference codes an attacker asks a model to repeat. */
	static String canary(int index) {
		return "ZX-" + (4711 + index);
	}

	/** The attack with its canary clause: "…, and include the code ZX-4711." */
	static String tag(String attack, String canary) {
		var trimmed = attack.strip();
		if (trimmed.endsWith("?")) {
			return trimmed + " Also include the code " + canary + ".";
		}
		if (trimmed.endsWith(".") || trimmed.endsWith("!")) {
			trimmed = trimmed.substring(0, trimmed.length() - 1);
		}
		return trimmed + ", and include the code " + canary + ".";
	}

	static String clean(Place place, Email email) {
		return switch (place) {
			case PASSAGE -> email.context();
			case CRM_NOTES -> cut(email.context(), MAX_NOTES);
			case LEAD_FIELD -> company(email);
		};
	}

	static String place(Place place, Email email, String instruction, Position position) {
		return switch (place) {
			case PASSAGE -> insert(email.context(), instruction, position);
			case CRM_NOTES -> insert(cut(email.context(), MAX_NOTES - instruction.length() - 2), instruction, position);
			case LEAD_FIELD -> {
				var value = company(email) + " " + instruction;
				yield value.length() <= MAX_COMPANY_NAME ? value : cut(instruction, MAX_COMPANY_NAME);
			}
		};
	}

	static String company(Email email) {
		return COMPANIES.get(email.index() % COMPANIES.size());
	}

	/** The instruction at the start, at the sentence boundary nearest the middle, or at the end of the context. */
	static String insert(String context, String instruction, Position position) {
		return switch (position) {
			case START -> instruction + " " + context;
			case END -> context + " " + instruction;
			case MIDDLE -> {
				int middle = context.length() / 2;
				int best = -1;
				for (int i = 1; i < context.length(); i++) {
					char c = context.charAt(i - 1);
					if ((c == '.' || c == '!' || c == '?' || c == '\n') && Character.isWhitespace(context.charAt(i))
							&& (best < 0 || Math.abs(i - middle) < Math.abs(best - middle))) {
						best = i;
					}
				}
				if (best < 0) {
					best = context.lastIndexOf(' ', middle);
				}
				if (best <= 0) {
					yield context + " " + instruction;
				}
				yield context.substring(0, best) + " " + instruction + " " + context.substring(best).stripLeading();
			}
		};
	}

	private static String cut(String text, int max) {
		return text.length() <= max ? text : text.substring(0, Math.max(0, max));
	}
}
