package com.groundwork.drafting.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The versioned prompt templates under {@code prompts/}, read and checked once at start-up: a file whose header is
 * incomplete, or whose template uses a placeholder drafting does not provide (unknown) or lacks one it must have
 * (missing), stops start-up with the file and the variable.
 */
class PromptRegistry {

	/** What the model template may use. */
	static final Set<String> TEMPLATE_VARIABLES = Set.of("angle", "tone", "language", "lead_features", "plan", "passages",
			"format");

	/** What every model template must use: its data sections and the output format. */
	static final Set<String> REQUIRED_TEMPLATE_VARIABLES = Set.of("lead_features", "passages", "format");

	/** What the offline phrases and the retrieval query may use (lead features, never personal ones but the name). */
	static final Set<String> LEAD_VARIABLES = Set.of("first_name", "company", "title", "industry", "region",
			"size_band", "seniority", "signals");

	static final List<String> OFFLINE_KEYS = List.of("subject", "opening", "call-to-action", "greeting-friendly",
			"greeting-formal", "greeting-concise");

	/** The phrases of a prompt with an evidence plan, per language. */
	static final List<String> PLAN_PHRASE_KEYS = List.of("subject", "situation", "result-frame", "call-to-action",
			"greeting-friendly", "greeting-formal", "greeting-concise");

	/** What tier 0's phrases may use besides the lead variables: the customer of the plan's case study. */
	static final Set<String> PLAN_VARIABLES = Set.of("customer", "result");

	/** What a slot's query may use besides the lead variables. */
	static final Set<String> QUERY_VARIABLES = Set.of("interests");

	private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

	private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

	private static final Pattern FILE_NAME = Pattern.compile("v([1-9][0-9]{0,3})\\.st");

	private final Path directory;

	/** id → version → prompt. */
	private final Map<String, TreeMap<Integer, PromptFile>> prompts;

	PromptRegistry(Path directory) {
		this.directory = directory;
		this.prompts = load(directory);
	}

	Path directory() {
		return directory;
	}

	Optional<PromptFile> find(String id, int version) {
		return Optional.ofNullable(prompts.get(id)).map(versions -> versions.get(version));
	}

	Optional<PromptFile> latest(String id) {
		return Optional.ofNullable(prompts.get(id)).map(versions -> versions.lastEntry().getValue());
	}

	Collection<PromptFile> all() {
		return prompts.values().stream().flatMap(versions -> versions.values().stream()).toList();
	}

	private static Map<String, TreeMap<Integer, PromptFile>> load(Path directory) {
		if (!Files.isDirectory(directory)) {
			throw new PromptRegistryInvalidException("The prompt registry " + directory.toAbsolutePath()
					+ " is not a folder; set groundwork.drafting.prompts-dir");
		}
		var prompts = new TreeMap<String, TreeMap<Integer, PromptFile>>();
		List<Path> files;
		try (Stream<Path> walk = Files.walk(directory, 2)) {
			files = walk.filter(path -> path.getFileName().toString().endsWith(".st")).sorted().toList();
		}
		catch (IOException ex) {
			throw new PromptRegistryInvalidException("Cannot list the prompt registry " + directory, ex);
		}
		for (var file : files) {
			var prompt = read(directory, file);
			var previous = prompts.computeIfAbsent(prompt.id(), id -> new TreeMap<>()).put(prompt.version(), prompt);
			if (previous != null) {
				throw new PromptRegistryInvalidException(prompt.source() + ": " + prompt.reference()
						+ " is also defined in " + previous.source());
			}
		}
		return prompts;
	}

	static PromptFile read(Path directory, Path file) {
		var source = directory.relativize(file).toString().replace('\\', '/');
		String text;
		try {
			text = Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new PromptRegistryInvalidException(source + ": cannot be read", ex);
		}
		var fileName = FILE_NAME.matcher(file.getFileName().toString());
		if (!fileName.matches() || file.getParent() == null || file.getParent().equals(directory)) {
			throw new PromptRegistryInvalidException(source + ": a prompt file is <prompt-id>/v<version>.st");
		}
		if (!text.startsWith("---\n")) {
			throw new PromptRegistryInvalidException(source + ": starts with a YAML header between '---' lines");
		}
		int end = text.indexOf("\n---\n", 3);
		if (end < 0) {
			throw new PromptRegistryInvalidException(source + ": the header has no closing '---' line");
		}
		Map<String, Object> header;
		try {
			header = new Yaml(new SafeConstructor(new LoaderOptions())).load(text.substring(4, end));
		}
		catch (RuntimeException ex) {
			throw new PromptRegistryInvalidException(source + ": the header is not valid YAML: " + ex.getMessage(), ex);
		}
		if (header == null) {
			throw new PromptRegistryInvalidException(source + ": the header is empty");
		}
		var body = text.substring(end + 5);
		var id = string(header, "id", source);
		var version = header.get("version") instanceof Integer given ? given : -1;
		var folder = file.getParent().getFileName().toString();
		if (!id.equals(folder)) {
			throw new PromptRegistryInvalidException(source + ": id '" + id + "' differs from its folder '" + folder + "'");
		}
		if (version != Integer.parseInt(fileName.group(1))) {
			throw new PromptRegistryInvalidException(source + ": version must be " + fileName.group(1) + " as the file name says");
		}
		var declared = new LinkedHashSet<String>();
		if (!(header.get("variables") instanceof List<?> variables)) {
			throw new PromptRegistryInvalidException(source + ": header field 'variables' must list the template's placeholders");
		}
		variables.forEach(variable -> declared.add(String.valueOf(variable)));

		var used = placeholders(body, source, "template");
		for (var variable : used) {
			if (!TEMPLATE_VARIABLES.contains(variable)) {
				throw new PromptRegistryInvalidException(source + ": unknown placeholder {" + variable
						+ "} in the template; drafting provides " + sorted(TEMPLATE_VARIABLES));
			}
			if (!declared.contains(variable)) {
				throw new PromptRegistryInvalidException(source + ": placeholder {" + variable
						+ "} is not declared in the header's 'variables'");
			}
		}
		for (var variable : declared) {
			if (!used.contains(variable)) {
				throw new PromptRegistryInvalidException(source + ": missing placeholder {" + variable
						+ "}: declared in the header but not used in the template");
			}
		}
		for (var variable : REQUIRED_TEMPLATE_VARIABLES) {
			if (!used.contains(variable)) {
				throw new PromptRegistryInvalidException(source + ": missing placeholder {" + variable
						+ "}: every prompt needs its data sections and the output format");
			}
		}

		var plan = plan(header.get("plan"), source);
		var phrases = new LinkedHashMap<String, Map<String, List<String>>>();
		var offline = new LinkedHashMap<String, String>();
		if (!(header.get("offline") instanceof Map<?, ?> given)) {
			throw new PromptRegistryInvalidException(source + ": header field 'offline' must hold the offline drafter's phrases "
					+ (plan.isEmpty() ? OFFLINE_KEYS : "per language, e.g. offline.en." + PLAN_PHRASE_KEYS));
		}
		if (plan.isEmpty()) {
			phrases.put("en", phrases(given, OFFLINE_KEYS, source, "offline", Set.of()));
		}
		else {
			for (var entry : given.entrySet()) {
				var language = String.valueOf(entry.getKey());
				if (!LANGUAGE.matcher(language).matches() || !(entry.getValue() instanceof Map<?, ?> inLanguage)) {
					throw new PromptRegistryInvalidException(source + ": 'offline." + language
							+ "' must be a language code (ISO 639-1, e.g. en) holding the phrases " + PLAN_PHRASE_KEYS);
				}
				phrases.put(language, phrases(inLanguage, PLAN_PHRASE_KEYS, source, "offline." + language, PLAN_VARIABLES));
			}
			if (phrases.isEmpty()) {
				throw new PromptRegistryInvalidException(source + ": 'offline' holds no language");
			}
		}
		phrases.values().iterator().next().forEach((key, options) -> offline.put(key, options.getFirst()));
		var compose = header.get("compose") instanceof List<?> order ? order.stream().map(String::valueOf).toList()
				: List.<String>of();
		var slotNames = plan.stream().map(SlotSpec::name).toList();
		for (var part : compose) {
			if (!slotNames.contains(part) && !part.equals("situation")) {
				throw new PromptRegistryInvalidException(source + ": 'compose' names '" + part
						+ "', which is neither 'situation' nor a slot of the plan " + slotNames);
			}
		}
		if (!plan.isEmpty() && compose.isEmpty()) {
			throw new PromptRegistryInvalidException(source + ": a prompt with a plan needs 'compose', the order of the body, e.g. [situation, "
					+ slotNames.getFirst() + "]");
		}
		if (!(header.get("retrieval") instanceof Map<?, ?> retrieval) || !(retrieval.get("query") instanceof String query)) {
			throw new PromptRegistryInvalidException(source + ": header field 'retrieval.query' is missing");
		}
		leadPlaceholders(query, source, "retrieval.query");
		var types = retrieval.get("types") instanceof List<?> listed ? listed.stream().map(String::valueOf).toList()
				: List.<String>of();
		return new PromptFile(source, id, version, string(header, "purpose", source), string(header, "tier", source),
				declared, Map.copyOf(offline), query.strip(), types, string(header, "repair", source), body, sha256(text),
				plan, compose, phrases);
	}

	/** One language's phrases: each key a phrase or a list of options over the lead (and plan) variables. */
	private static Map<String, List<String>> phrases(Map<?, ?> given, List<String> keys, String source, String field,
			Set<String> extraVariables) {
		var phrases = new LinkedHashMap<String, List<String>>();
		for (var key : keys) {
			var value = given.get(key);
			List<String> options = value instanceof List<?> list ? list.stream().map(String::valueOf).map(String::strip).toList()
					: value instanceof String phrase ? List.of(phrase.strip()) : List.of();
			if (options.isEmpty() || options.stream().anyMatch(String::isBlank)) {
				throw new PromptRegistryInvalidException(source + ": header field '" + field + "." + key + "' is missing");
			}
			for (var option : options) {
				for (var variable : placeholders(option, source, field + "." + key)) {
					if (!LEAD_VARIABLES.contains(variable) && !extraVariables.contains(variable)) {
						throw new PromptRegistryInvalidException(source + ": unknown placeholder {" + variable + "} in "
								+ field + "." + key + "; the variables are " + sorted(union(LEAD_VARIABLES, extraVariables)));
					}
				}
			}
			phrases.put(key, options);
		}
		return phrases;
	}

	/** The {@code plan} section: slots with unique names, known industry modes, queries over known variables. */
	private static List<SlotSpec> plan(@Nullable Object given, String source) {
		if (given == null) {
			return List.of();
		}
		if (!(given instanceof List<?> entries) || entries.isEmpty()) {
			throw new PromptRegistryInvalidException(source + ": 'plan' must list the slots the email needs");
		}
		var slots = new ArrayList<SlotSpec>();
		for (int i = 0; i < entries.size(); i++) {
			var field = "plan[" + i + "]";
			if (!(entries.get(i) instanceof Map<?, ?> entry) || !(entry.get("slot") instanceof String name) || name.isBlank()) {
				throw new PromptRegistryInvalidException(source + ": " + field + ".slot (the slot's name) is missing");
			}
			if (slots.stream().anyMatch(slot -> slot.name().equals(name))) {
				throw new PromptRegistryInvalidException(source + ": " + field + ": slot '" + name + "' is defined twice");
			}
			var industry = String.valueOf(entry.containsKey("industry") ? entry.get("industry") : "any");
			if (!industry.equals("lead") && !industry.equals("any")) {
				throw new PromptRegistryInvalidException(source + ": " + field + ".industry must be 'lead' or 'any', was '"
						+ industry + "'");
			}
			var productOf = entry.get("product-of") instanceof String of ? of : "";
			if (!productOf.isEmpty() && slots.stream().noneMatch(slot -> slot.name().equals(productOf))) {
				throw new PromptRegistryInvalidException(source + ": " + field + ".product-of names '" + productOf
						+ "', which is not an earlier slot");
			}
			var query = entry.get("query") instanceof String text ? text.strip() : "";
			if (query.isEmpty()) {
				throw new PromptRegistryInvalidException(source + ": " + field + ".query is missing");
			}
			for (var variable : placeholders(query, source, field + ".query")) {
				if (!LEAD_VARIABLES.contains(variable) && !QUERY_VARIABLES.contains(variable)) {
					throw new PromptRegistryInvalidException(source + ": unknown placeholder {" + variable + "} in " + field
							+ ".query; the variables are " + sorted(union(LEAD_VARIABLES, QUERY_VARIABLES)));
				}
			}
			var types = entry.get("types") instanceof List<?> list ? list.stream().map(String::valueOf).toList()
					: List.<String>of();
			int sentences = entry.get("sentences") instanceof Integer count ? count : 1;
			if (sentences < 1 || sentences > 5) {
				throw new PromptRegistryInvalidException(source + ": " + field + ".sentences must be 1 to 5");
			}
			slots.add(new SlotSpec(name, entry.get("purpose") instanceof String purpose ? purpose : name, types,
					industry.equals("lead") ? SlotSpec.Industry.LEAD : SlotSpec.Industry.ANY, productOf, query,
					Boolean.TRUE.equals(entry.get("interests")), Boolean.TRUE.equals(entry.get("required")), sentences));
		}
		return slots;
	}

	private static Set<String> union(Set<String> a, Set<String> b) {
		var all = new LinkedHashSet<>(a);
		all.addAll(b);
		return all;
	}

	private static void leadPlaceholders(String phrase, String source, String field) {
		for (var variable : placeholders(phrase, source, field)) {
			if (!LEAD_VARIABLES.contains(variable)) {
				throw new PromptRegistryInvalidException(source + ": unknown placeholder {" + variable + "} in " + field
						+ "; the lead variables are " + sorted(LEAD_VARIABLES));
			}
		}
	}

	private static Set<String> placeholders(String text, String source, String where) {
		var found = new LinkedHashSet<String>();
		var matcher = PLACEHOLDER.matcher(text);
		while (matcher.find()) {
			var name = matcher.group(1).strip();
			if (!NAME.matcher(name).matches()) {
				throw new PromptRegistryInvalidException(source + ": '{" + matcher.group(1) + "}' in " + where
						+ " is not a plain {variable}; keep logic out of templates and literal braces out of prompts");
			}
			found.add(name);
		}
		return found;
	}

	private static String string(Map<String, Object> header, String field, String source) {
		var value = header.get(field);
		if (value == null || String.valueOf(value).isBlank()) {
			throw new PromptRegistryInvalidException(source + ": header field '" + field + "' is missing");
		}
		return String.valueOf(value).strip();
	}

	private static List<String> sorted(Set<String> names) {
		return names.stream().sorted(Comparator.naturalOrder()).toList();
	}

	static String sha256(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Fills a phrase's {@code {variable}}s (validated at start-up) from the given values. */
	static String fill(String phrase, Map<String, String> values) {
		var matcher = PLACEHOLDER.matcher(phrase);
		var out = new StringBuilder();
		while (matcher.find()) {
			matcher.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(values.getOrDefault(matcher.group(1).strip(), "")));
		}
		matcher.appendTail(out);
		return out.toString().replaceAll("\\s{2,}", " ").strip();
	}

	static List<String> ids(Collection<PromptFile> prompts) {
		return new ArrayList<>(prompts.stream().map(PromptFile::id).distinct().sorted().toList());
	}
}
