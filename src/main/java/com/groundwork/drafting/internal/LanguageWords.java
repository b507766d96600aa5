package com.groundwork.drafting.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The word lists of one language that tier 0 and the evidence planner use ({@code prompts/languages.yaml}): all
 * lower case.
 */
record LanguageWords(String language, Set<String> stopwords, List<String> danglingStarts, List<String> boilerplate,
		Set<String> results, Set<String> pricing, Set<String> noteWords, Map<String, String> industries,
		List<String> definitions) {

	static final String FILE = "languages.yaml";

	private static final Pattern WORD = Pattern.compile("[\\p{L}0-9%]+");

	/** Every language of the file, by code. A missing file or field stops start-up naming it. */
	static Map<String, LanguageWords> load(Path promptsDir) {
		var file = promptsDir.resolve(FILE);
		Map<String, Object> root;
		try {
			root = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new PromptRegistryInvalidException(FILE + " cannot be read from " + promptsDir
					+ "; tier 0 needs its word lists per language", ex);
		}
		catch (RuntimeException ex) {
			throw new PromptRegistryInvalidException(FILE + " is not valid YAML: " + ex.getMessage(), ex);
		}
		var languages = new LinkedHashMap<String, LanguageWords>();
		if (root != null) {
			root.forEach((code, value) -> {
				if (!(value instanceof Map<?, ?> lists)) {
					throw new PromptRegistryInvalidException(FILE + ": '" + code + "' must hold the language's word lists");
				}
				languages.put(code, new LanguageWords(code, Set.copyOf(list(lists, code, "stopwords")),
						list(lists, code, "dangling-starts"), list(lists, code, "boilerplate"),
						Set.copyOf(list(lists, code, "results")), Set.copyOf(list(lists, code, "pricing")),
						Set.copyOf(list(lists, code, "note-words")), industries(lists),
						lists.containsKey("definitions") ? list(lists, code, "definitions") : List.of()));
			});
		}
		if (languages.isEmpty()) {
			throw new PromptRegistryInvalidException(FILE + " defines no language");
		}
		return Map.copyOf(languages);
	}

	private static List<String> list(Map<?, ?> lists, String code, String field) {
		if (!(lists.get(field) instanceof List<?> words)) {
			throw new PromptRegistryInvalidException(FILE + ": '" + code + "." + field + "' must be a list of words");
		}
		return words.stream().map(word -> String.valueOf(word).toLowerCase(Locale.ROOT).strip()).toList();
	}

	private static Map<String, String> industries(Map<?, ?> lists) {
		if (!(lists.get("industries") instanceof Map<?, ?> labels)) {
			return Map.of();
		}
		return labels.entrySet().stream().collect(Collectors.toUnmodifiableMap(entry -> String.valueOf(entry.getKey()),
				entry -> String.valueOf(entry.getValue())));
	}

	/** The lower-case words of a text. */
	static List<String> words(String text) {
		return WORD.matcher(text.toLowerCase(Locale.ROOT)).results().map(match -> match.group()).toList();
	}

	/** How the industry slug reads in this language's sentences. */
	String industryLabel(String slug) {
		if (slug.isBlank()) {
			return "";
		}
		var label = industries.get(slug);
		if (label != null) {
			return label;
		}
		return language.equals("en") ? slug.replace('-', ' ') : "";
	}

	/** Whether a sentence needs the one before it (starts with "This", "It", …). */
	boolean dangles(String sentence) {
		var lower = sentence.toLowerCase(Locale.ROOT).strip();
		return danglingStarts.stream().anyMatch(start -> lower.equals(start) || lower.startsWith(start + " ")
				|| lower.startsWith(start + ","));
	}

	/** Whether the sentence only says what its subject is ("Acme OrderFlow is the order orchestration product …"). */
	boolean isDefinition(String sentence) {
		var lower = sentence.toLowerCase(Locale.ROOT);
		return definitions.stream().map(start -> lower.indexOf(" " + start + " ")).anyMatch(at -> at > 0 && at < 40);
	}

	boolean isBoilerplate(String text) {
		var lower = text.toLowerCase(Locale.ROOT);
		return boilerplate.stream().anyMatch(lower::contains);
	}

	/** Share of the text's words that are this language's stopwords: how a language is told apart. */
	double stopwordShare(String text) {
		var words = words(text);
		return words.isEmpty() ? 0 : (double) words.stream().filter(stopwords::contains).count() / words.size();
	}

	/** The language among {@code languages} whose stopwords a text uses most, if it uses any. */
	static Optional<String> detect(String text, Map<String, LanguageWords> languages) {
		String best = null;
		double bestShare = 0;
		for (var words : languages.values()) {
			double share = words.stopwordShare(text);
			if (share > bestShare) {
				best = words.language();
				bestShare = share;
			}
		}
		return Optional.ofNullable(best);
	}
}
