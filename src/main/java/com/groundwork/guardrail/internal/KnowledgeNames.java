package com.groundwork.guardrail.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The customer and product names of the tenant's knowledge base, which are not personal data: the titles, products and
 * customers of the front matter, the "Customer:" and "Region:" lines, the headings and the attributions of published
 * quotes of its text files (Markdown, HTML, plain text), with every run of one to four of their words. A name the detector finds is dropped when it is one of these.
 */
final class KnowledgeNames {

	private static final Pattern FIELD = Pattern.compile("(?im)^(?:[-*]\\s*)?(?:\\*\\*)?(?:title|product|products|customer|"
			+ "kunde|client|cliente|region|regions|headquarters|offices|location|locations|standort|sitz|region)(?:\\*\\*)?\\s*:(?:\\*\\*)?\\s*(.+)$");

	/** The attribution of a published quote ("— Dana Whitfield, VP Operations, Brightwater Freight"). */
	private static final Pattern ATTRIBUTION = Pattern.compile("(?m)^[>\\s]*[—–]\\s*(.{3,200})$");

	private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}\\s+(.+)$|<h[1-6][^>]*>([^<]{1,300})</h[1-6]>|<title>([^<]{1,300})</title>");

	private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'’&.-]*");

	private static final int MAX_WORDS = 4;

	private final Set<String> phrases;

	private KnowledgeNames(Set<String> phrases) {
		this.phrases = Set.copyOf(phrases);
	}

	static KnowledgeNames none() {
		return new KnowledgeNames(Set.of());
	}

	static KnowledgeNames of(List<String> lines) {
		var phrases = new HashSet<String>();
		lines.forEach(line -> addRuns(line, phrases));
		return new KnowledgeNames(phrases);
	}

	/** From the knowledge folder's text files; an unreadable or missing folder gives none. */
	static KnowledgeNames of(Path folder) {
		if (folder == null || !Files.isDirectory(folder)) {
			return none();
		}
		var phrases = new HashSet<String>();
		try (Stream<Path> files = Files.walk(folder)) {
			for (var file : files.filter(Files::isRegularFile).filter(KnowledgeNames::textFile).sorted().toList()) {
				var text = Files.readString(file);
				for (var pattern : List.of(FIELD, HEADING, ATTRIBUTION)) {
					var matcher = pattern.matcher(text);
					while (matcher.find()) {
						for (int group = 1; group <= matcher.groupCount(); group++) {
							if (matcher.group(group) != null) {
								addRuns(matcher.group(group), phrases);
							}
						}
					}
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			return new KnowledgeNames(phrases);
		}
		return new KnowledgeNames(phrases);
	}

	private static boolean textFile(Path file) {
		var name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		return name.endsWith(".md") || name.endsWith(".html") || name.endsWith(".htm") || name.endsWith(".txt");
	}

	private static void addRuns(String line, Set<String> into) {
		var words = WORD.matcher(line.replaceAll("[*_`\"]", " ")).results().map(match -> normal(match.group())).toList();
		for (int from = 0; from < words.size(); from++) {
			for (int length = 1; length <= MAX_WORDS && from + length <= words.size(); length++) {
				into.add(String.join(" ", words.subList(from, from + length)));
			}
		}
	}

	private static String normal(String word) {
		return word.toLowerCase(Locale.ROOT).replaceAll("[.’']+$", "");
	}

	/** Whether a found value is one of the knowledge base's names. */
	boolean contains(String value) {
		if (phrases.isEmpty()) {
			return false;
		}
		var words = WORD.matcher(value).results().map(match -> normal(match.group())).toList();
		return !words.isEmpty() && words.size() <= MAX_WORDS && phrases.contains(String.join(" ", words));
	}

	int size() {
		return phrases.size();
	}
}
