package com.groundwork.guardrail.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * How often the detector reports personal data of the learned and context types (names, places, addresses, postal
 * codes, dates of birth, ages) in the tenant's own knowledge passages, which hold none that a draft may not quote: a
 * false-alarm rate. Passages are the paragraphs of the folder's text files (Markdown, HTML, plain text; front matter
 * left out); binary documents (PDF, Word) are not read here.
 */
final class KnowledgeFlagRate {

	static final Set<String> TYPES = Set.of("PERSON", "LOCATION", "STREET_ADDRESS", "ZIP_CODE", "DATE_OF_BIRTH", "AGE");

	record Rate(int passages, int flagged, List<String> examples) {

		double rate() {
			return passages == 0 ? 0 : (double) flagged / passages;
		}
	}

	private KnowledgeFlagRate() {
	}

	static Rate measure(PiiDetector detector, Path folder) {
		var passages = passages(folder);
		int flagged = 0;
		var examples = new ArrayList<String>();
		for (var passage : passages) {
			var found = detector.detect(passage).stream().filter(entity -> TYPES.contains(entity.type())).toList();
			if (!found.isEmpty()) {
				flagged++;
				if (examples.size() < 20) {
					examples.add(found.stream().map(entity -> entity.type() + " `" + entity.value() + "`").toList() + " in `"
							+ passage.substring(0, Math.min(100, passage.length())).replace("\n", " ") + "…`");
				}
			}
		}
		return new Rate(passages.size(), flagged, examples);
	}

	static List<String> passages(Path folder) {
		var passages = new ArrayList<String>();
		if (!Files.isDirectory(folder)) {
			return passages;
		}
		try (Stream<Path> files = Files.walk(folder)) {
			for (var file : files.filter(Files::isRegularFile).sorted().toList()) {
				var name = file.getFileName().toString().toLowerCase(Locale.ROOT);
				if (!(name.endsWith(".md") || name.endsWith(".html") || name.endsWith(".txt")) || name.equals("readme.md")) {
					continue;
				}
				var text = Files.readString(file).replaceFirst("(?s)^---\n.*?\n---\n", "");
				if (name.endsWith(".html")) {
					text = text.replaceAll("(?s)<(script|style)[^>]*>.*?</\\1>", " ").replaceAll("<[^>]+>", "\n");
				}
				for (var paragraph : text.split("\n\\s*\n")) {
					var stripped = paragraph.strip();
					if (stripped.length() >= 30) {
						passages.add(stripped);
					}
				}
			}
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		return passages;
	}
}
