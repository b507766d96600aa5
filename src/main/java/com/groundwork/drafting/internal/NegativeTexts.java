package com.groundwork.drafting.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The injection evaluation's negatives, text that holds no attack, by source: BIPIA's clean e-mail, table and code
 * contexts, the knowledge folder's chunks and the demo leads' CRM notes. Every source the false positive rate is taken
 * over is read here, so a test can see that none is missing.
 */
final class NegativeTexts {

	/** The sources, in report order. */
	static final List<String> SOURCES = List.of("email", "table", "code", "knowledge", "crm-notes");

	private NegativeTexts() {
	}

	/**
	 * Source → name → text. {@code email}: every clean e-mail context in each of the three places; {@code table} and
	 * {@code code}: BIPIA's contexts (JSON lines; a code context is a list of lines), none when the file is null;
	 * {@code knowledge}: the given chunks; {@code crm-notes}: the notes of every demo tenant's leads.
	 */
	static Map<String, Map<String, String>> read(JsonMapper mapper, List<BipiaCases.Email> emails,
			@Nullable Path tables, @Nullable Path code, Map<String, String> knowledgeChunks) {
		var sources = new LinkedHashMap<String, Map<String, String>>();
		var email = new LinkedHashMap<String, String>();
		for (var context : emails) {
			for (var place : BipiaCases.Place.values()) {
				email.put("e-mail " + context.index() + " (" + place.slug() + ")", BipiaCases.clean(place, context));
			}
		}
		sources.put("email", email);
		sources.put("table", tables == null ? Map.of() : contexts(mapper, tables, "table"));
		sources.put("code", code == null ? Map.of() : contexts(mapper, code, "code"));
		sources.put("knowledge", knowledgeChunks);
		sources.put("crm-notes", demoNotes(mapper));
		return sources;
	}

	/** The {@code context} of each JSON line, a list of lines joined by line breaks; blank ones left out. */
	static Map<String, String> contexts(JsonMapper mapper, Path file, String name) {
		var texts = new LinkedHashMap<String, String>();
		try {
			int line = 0;
			for (var json : Files.readAllLines(file)) {
				line++;
				if (json.isBlank()) {
					continue;
				}
				var text = text(mapper.readTree(json).path("context"));
				if (!text.isBlank()) {
					texts.put(name + " " + line, text);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return texts;
	}

	private static String text(JsonNode context) {
		if (context.isArray()) {
			var lines = new ArrayList<String>();
			context.forEach(line -> lines.add(line.asString()));
			return String.join("\n", lines);
		}
		return context.asString();
	}

	/** The CRM notes of the demo tenants' leads ({@code demo/leads-<tenant>.jsonl} on the class path), lead → notes. */
	static Map<String, String> demoNotes(JsonMapper mapper) {
		var notes = new LinkedHashMap<String, String>();
		try {
			var resources = new PathMatchingResourcePatternResolver().getResources("classpath*:demo/leads-*.jsonl");
			for (var resource : resources) {
				String content;
				try (InputStream in = resource.getInputStream()) {
					content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
				}
				for (var line : content.split("\n")) {
					if (line.isBlank()) {
						continue;
					}
					var lead = mapper.readTree(line);
					var text = lead.path("crm").path("notes").asString("");
					if (!text.isBlank()) {
						notes.put(resource.getFilename() + " " + lead.path("externalId").asString(), text);
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return notes;
	}
}
