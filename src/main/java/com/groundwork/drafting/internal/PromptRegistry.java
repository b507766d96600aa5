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
	static final Set<String> TEMPLATE_VARIABLES = Set.of("angle", "tone", "lead_features", "passages", "format");

	/** What every model template must use: its data sections and the output format. */
	static final Set<String> REQUIRED_TEMPLATE_VARIABLES = Set.of("lead_features", "passages", "format");

	/** What the offline phrases and the retrieval query may use (lead features, never personal ones but the name). */
	static final Set<String> LEAD_VARIABLES = Set.of("first_name", "company", "title", "industry", "region",
			"size_band", "seniority", "signals");

	static final List<String> OFFLINE_KEYS = List.of("subject", "opening", "call-to-action", "greeting-friendly",
			"greeting-formal", "greeting-concise");

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

		var offline = new LinkedHashMap<String, String>();
		if (!(header.get("offline") instanceof Map<?, ?> phrases)) {
			throw new PromptRegistryInvalidException(source + ": header field 'offline' must hold the offline drafter's phrases "
					+ OFFLINE_KEYS);
		}
		for (var key : OFFLINE_KEYS) {
			if (!(phrases.get(key) instanceof String phrase) || phrase.isBlank()) {
				throw new PromptRegistryInvalidException(source + ": header field 'offline." + key + "' is missing");
			}
			leadPlaceholders(phrase, source, "offline." + key);
			offline.put(key, phrase.strip());
		}
		if (!(header.get("retrieval") instanceof Map<?, ?> retrieval) || !(retrieval.get("query") instanceof String query)) {
			throw new PromptRegistryInvalidException(source + ": header field 'retrieval.query' is missing");
		}
		leadPlaceholders(query, source, "retrieval.query");
		var types = retrieval.get("types") instanceof List<?> given ? given.stream().map(String::valueOf).toList()
				: List.<String>of();
		return new PromptFile(source, id, version, string(header, "purpose", source), string(header, "tier", source),
				declared, Map.copyOf(offline), query.strip(), types, string(header, "repair", source), body, sha256(text));
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
