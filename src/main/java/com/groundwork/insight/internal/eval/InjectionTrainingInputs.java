package com.groundwork.insight.internal.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The learned injection detector's training material, read and fingerprinted: BIPIA's text and code attacks (the
 * positives, by category) and the benign texts (e-mail, table and code contexts, the {@code knowledge/} documents, CRM
 * notes generated from {@code eval/injection/crm-notes.yaml}). Public so that the guardrail's staleness test can
 * recompute the fingerprint the committed model was trained on.
 */
public final class InjectionTrainingInputs {

	/**
	 * Bump when the training procedure changes what is learned (sampling, placements, trainer settings): the committed
	 * model is then stale.
	 */
	public static final String TRAINING_VERSION = "loco-2;tables-every-6;placements-3-per-fold;sources-weighted-alike;sgd-logistic-adagrad-0.1-epochs-20-seed-1";

	/** Benign documents fall into this many folds by a hash of their source and id. */
	static final int FOLDS = 5;

	/** Every sixth table context: 150 of 900 keep a training run within minutes (tables are long and alike). */
	static final int TABLE_EVERY = 6;

	static final List<String> DATA_FILES = List.of("text-attack-train.json", "code-attack-train.json",
			"email-train.jsonl", "table-train.jsonl", "code-train.jsonl");

	/** @param family {@code text} or {@code code} */
	record Attack(String category, String family, int index, String text) {

		/** The instruction part: a code attack's words before its code block (the code alone is no instruction). */
		String instruction() {
			int fence = text.indexOf("```");
			return fence > 0 ? text.substring(0, fence).strip() : text;
		}
	}

	/** A benign text, in one of {@link #FOLDS} folds. */
	record Benign(String source, String id, String text, int fold) {
	}

	private InjectionTrainingInputs() {
	}

	/**
	 * SHA-256 over every training input (name and bytes, in a fixed order), the feature version and
	 * {@link #TRAINING_VERSION}.
	 */
	public static String fingerprint(Path bipia, Path knowledge, Path crmNotes, String featureVersion) {
		try {
			var digest = MessageDigest.getInstance("SHA-256");
			for (var name : DATA_FILES) {
				add(digest, "bipia/" + name, Files.readAllBytes(bipia.resolve(name)));
			}
			for (var file : knowledgeFiles(knowledge)) {
				add(digest, "knowledge/" + knowledge.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
			}
			add(digest, "crm-notes", Files.readAllBytes(crmNotes));
			add(digest, "features", featureVersion.getBytes(StandardCharsets.UTF_8));
			add(digest, "training", TRAINING_VERSION.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void add(MessageDigest digest, String name, byte[] bytes) {
		digest.update(name.getBytes(StandardCharsets.UTF_8));
		digest.update((byte) 0);
		digest.update(Long.toString(bytes.length).getBytes(StandardCharsets.UTF_8));
		digest.update((byte) 0);
		digest.update(bytes);
	}

	static List<Path> knowledgeFiles(Path knowledge) throws IOException {
		try (Stream<Path> files = Files.walk(knowledge)) {
			return files.filter(Files::isRegularFile)
				.filter(file -> !file.getFileName().toString().startsWith("."))
				.filter(file -> !file.getFileName().toString().equals("README.md"))
				.sorted()
				.toList();
		}
	}

	/** Text attacks, then code attacks, each category's in file order. */
	static List<Attack> attacks(Path bipia) throws IOException {
		var attacks = new ArrayList<Attack>();
		for (var family : List.of("text", "code")) {
			JsonNode root = JsonMapper.shared().readTree(Files.readString(bipia.resolve(family + "-attack-train.json")));
			for (var category : root.propertyNames()) {
				int index = 0;
				for (var attack : root.get(category)) {
					attacks.add(new Attack(category, family, index++, attack.asString()));
				}
			}
		}
		return attacks;
	}

	/** E-mail, table (every sixth) and code contexts, knowledge documents and generated CRM notes. */
	static List<Benign> benign(Path bipia, Path knowledge, Path crmNotes, java.util.function.Function<Path, String> parse)
			throws IOException {
		var benign = new ArrayList<Benign>();
		int line = 0;
		for (var context : contexts(bipia.resolve("email-train.jsonl"))) {
			benign.add(benign("email", Integer.toString(line++), context));
		}
		line = 0;
		for (var context : contexts(bipia.resolve("table-train.jsonl"))) {
			if (line % TABLE_EVERY == 0) {
				benign.add(benign("table", Integer.toString(line), context));
			}
			line++;
		}
		line = 0;
		for (var context : contexts(bipia.resolve("code-train.jsonl"))) {
			benign.add(benign("code", Integer.toString(line++), context));
		}
		for (var file : knowledgeFiles(knowledge)) {
			var text = parse.apply(file);
			if (!text.isBlank()) {
				benign.add(benign("knowledge", knowledge.relativize(file).toString().replace('\\', '/'), text));
			}
		}
		var notes = crmNotes(crmNotes);
		for (int i = 0; i < notes.size(); i++) {
			benign.add(benign("crm-note", Integer.toString(i), notes.get(i)));
		}
		return benign;
	}

	private static Benign benign(String source, String id, String text) {
		return new Benign(source, id, text, Math.floorMod((source + "/" + id).hashCode(), FOLDS));
	}

	/** The {@code context} of each JSON line (a list of lines is joined with line breaks). */
	private static List<String> contexts(Path file) throws IOException {
		var contexts = new ArrayList<String>();
		for (var line : Files.readAllLines(file)) {
			if (line.isBlank()) {
				continue;
			}
			JsonNode context = JsonMapper.shared().readTree(line).path("context");
			if (context.isArray()) {
				var lines = new ArrayList<String>();
				context.forEach(part -> lines.add(part.asString()));
				contexts.add(String.join("\n", lines));
			}
			else {
				contexts.add(context.asString());
			}
		}
		return contexts;
	}

	/** The generator's company names (lead fields an attack is appended to). */
	@SuppressWarnings("unchecked")
	static List<String> companies(Path crmNotes) throws IOException {
		Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(crmNotes));
		var slots = (Map<String, List<Object>>) root.get("slots");
		return slots.get("company").stream().map(String::valueOf).toList();
	}

	private static final Pattern SLOT = Pattern.compile("\\{([a-z-]+)}");

	/** {@code notes} notes of 1–3 templates each, slots filled, from a random generator with the file's seed. */
	@SuppressWarnings("unchecked")
	static List<String> crmNotes(Path file) throws IOException {
		Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
		int count = ((Number) root.get("notes")).intValue();
		var random = new SplittableRandom(((Number) root.get("seed")).longValue());
		var slots = new LinkedHashMap<String, List<String>>();
		((Map<String, List<Object>>) root.get("slots")).forEach(
				(name, values) -> slots.put(name, values.stream().map(String::valueOf).toList()));
		var templates = ((List<Object>) root.get("templates")).stream().map(String::valueOf).toList();
		var notes = new ArrayList<String>(count);
		for (int i = 0; i < count; i++) {
			int sentences = 1 + random.nextInt(3);
			var note = new StringBuilder();
			for (int s = 0; s < sentences; s++) {
				var template = templates.get(random.nextInt(templates.size()));
				Matcher slot = SLOT.matcher(template);
				var filled = new StringBuilder();
				while (slot.find()) {
					var values = slots.get(slot.group(1));
					if (values == null) {
						throw new IllegalStateException(file + ": template '" + template + "' names an unknown slot");
					}
					slot.appendReplacement(filled, Matcher.quoteReplacement(values.get(random.nextInt(values.size()))));
				}
				slot.appendTail(filled);
				note.append(note.isEmpty() ? "" : " ").append(filled);
			}
			notes.add(note.toString());
		}
		return notes;
	}
}
