package com.groundwork.insight.internal.eval;

import com.groundwork.guardrail.PiiHoldout;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import opennlp.tools.namefind.NameFinderME;
import opennlp.tools.namefind.NameSample;
import opennlp.tools.namefind.TokenNameFinderEvaluator;
import opennlp.tools.namefind.TokenNameFinderFactory;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.tokenize.SimpleTokenizer;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.Span;
import opennlp.tools.util.TrainingParameters;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code eval/run train-pii-names}: trains the guardrails' personal-data name finder (OpenNLP's maximum-entropy
 * {@link NameFinderME}) on sentences generated from {@code eval/pii-names/templates.txt} with Datafaker locale data and
 * on the training part of the Presidio records ({@link PiiHoldout}: the held-out part is never trained on), then
 * writes the model and, beside it, a JSON file with the command, the data fingerprint and the model's own figures on
 * the held-out records. The tokenization is the runtime's ({@link SimpleTokenizer}).
 */
final class PiiNamesTraining implements EvalCommand {

	static final String COMMAND = "eval/run train-pii-names";

	static final Path CONFIG = Path.of("eval/pii-names/config.yaml");

	static final Path TEMPLATES = Path.of("eval/pii-names/templates.txt");

	/** Presidio's labels → the name finder's. */
	static final Map<String, String> PRESIDIO_TYPES = Map.of("PERSON", "PERSON", "GPE", "LOCATION", "STREET_ADDRESS",
			"STREET_ADDRESS", "ADDRESS", "STREET_ADDRESS", "ORGANIZATION", "ORGANIZATION");

	record Config(long seed, int sentences, List<String> locales, List<String> germanLocales, double upperCasePlaces,
			double lowerCaseSentences, int presidioRepeats, Path presidio, Path model, String algorithm, int iterations, int cutoff) {

		@SuppressWarnings("unchecked")
		static Config read(Path file) throws IOException {
			Map<String, Object> map = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
			return new Config(((Number) map.get("seed")).longValue(), ((Number) map.get("sentences")).intValue(),
					(List<String>) map.get("locales"), (List<String>) map.get("germanLocales"),
					((Number) map.get("upperCasePlaces")).doubleValue(),
					((Number) map.get("lowerCaseSentences")).doubleValue(), ((Number) map.get("presidioRepeats")).intValue(),
					Path.of((String) map.get("presidio")),
					Path.of((String) map.get("model")), (String) map.get("algorithm"),
					((Number) map.get("iterations")).intValue(), ((Number) map.get("cutoff")).intValue());
		}

		Path metadata() {
			return model.resolveSibling(model.getFileName().toString().replaceFirst("\\.bin$", "") + ".json");
		}
	}

	@Override
	public String name() {
		return "train-pii-names";
	}

	@Override
	public String usage() {
		return "train-pii-names [--config eval/pii-names/config.yaml] [--dev]";
	}

	@Override
	public Map<String, Object> run(EvalArguments arguments) throws Exception {
		var configFile = Path.of(arguments.get("config", CONFIG.toString()));
		var config = Config.read(configFile);
		// --dev: a tuning run leaves the development part out too and writes its model under target/, no metadata.
		boolean development = arguments.options().containsKey("dev");
		long started = System.nanoTime();
		var generator = new PiiNameSentences(PiiNameSentences.readTemplates(TEMPLATES), config.seed(), config.locales(),
				config.germanLocales(), config.upperCasePlaces(), config.lowerCaseSentences());
		var samples = new ArrayList<NameSample>();
		for (var sentence : generator.generate(config.sentences())) {
			samples.add(sample(sentence.text(), sentence.entities()));
		}
		int generated = samples.size();
		var heldOut = new ArrayList<NameSample>();
		int presidioTrained = 0;
		var mapper = JsonMapper.shared();
		for (JsonNode record : mapper.readTree(Files.readString(config.presidio()))) {
			var text = record.path("full_text").asString();
			var entities = new ArrayList<PiiNameSentences.Entity>();
			for (JsonNode span : record.path("spans")) {
				var type = PRESIDIO_TYPES.get(span.path("entity_type").asString());
				if (type != null) {
					entities.add(new PiiNameSentences.Entity(type, span.path("start_position").asInt(),
							span.path("end_position").asInt()));
				}
			}
			var sample = sample(text, entities);
			if (PiiHoldout.heldOut(text)) {
				if (!development) {
					heldOut.add(sample);
				}
			}
			else if (development && PiiHoldout.development(text)) {
				heldOut.add(sample);
			}
			else {
				for (int i = 0; i < config.presidioRepeats(); i++) {
					samples.add(sample);
				}
				presidioTrained++;
			}
		}
		System.err.printf("train-pii-names: %d generated sentences, %d Presidio training records, %d held out%n", generated,
				presidioTrained, heldOut.size());
		var parameters = TrainingParameters.defaultParams();
		parameters.put(TrainingParameters.ALGORITHM_PARAM, config.algorithm());
		parameters.put(TrainingParameters.ITERATIONS_PARAM, config.iterations());
		parameters.put(TrainingParameters.CUTOFF_PARAM, config.cutoff());
		var model = NameFinderME.train("mul", null, ObjectStreamUtils.createObjectStream(samples), parameters,
				new TokenNameFinderFactory());
		double seconds = (System.nanoTime() - started) / 1e9;
		if (development) {
			var file = Path.of("target/pii-names-dev.bin");
			try (OutputStream out = Files.newOutputStream(file)) {
				model.serialize(out);
			}
			var result = new LinkedHashMap<String, Object>();
			result.put("model", file.toString());
			result.put("development_records", heldOut.size());
			result.putAll(evaluate(model, heldOut));
			return result;
		}
		Files.createDirectories(config.model().toAbsolutePath().getParent());
		try (OutputStream out = Files.newOutputStream(config.model())) {
			model.serialize(out);
		}
		var figures = evaluate(model, heldOut);
		var metadata = new LinkedHashMap<String, Object>();
		metadata.put("command", COMMAND);
		metadata.put("model", config.model().toString());
		metadata.put("fingerprint", fingerprint(configFile, TEMPLATES, config.presidio(), config.seed()));
		var inputs = new LinkedHashMap<String, Object>();
		inputs.put("config", configFile.toString());
		inputs.put("templates", TEMPLATES.toString());
		inputs.put("presidio", config.presidio().toString());
		inputs.put("seed", config.seed());
		metadata.put("inputs", inputs);
		var training = new LinkedHashMap<String, Object>();
		training.put("generatedSentences", generated);
		training.put("presidioRecords", presidioTrained);
		training.put("heldOutRecords", heldOut.size());
		training.put("seconds", Math.round(seconds));
		training.put("libraries", "opennlp-tools 2.5.6, datafaker 2.5.4");
		metadata.put("training", training);
		metadata.put("heldOutNameFinderAlone", figures);
		metadata.put("note", "Figures of the whole detector (model, context rules and patterns) on the held-out records: "
				+ "eval/run pii, eval/reports/pii.md.");
		Files.writeString(config.metadata(),
				mapper.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(metadata) + "\n");
		System.err.printf("train-pii-names: model %s (%.0f s), metadata %s%n", config.model(), seconds, config.metadata());
		var result = new LinkedHashMap<String, Object>();
		result.put("model", config.model().toString());
		result.put("seconds", Math.round(seconds));
		result.putAll(figures);
		return result;
	}

	/** Exact-span figures of the model alone (OpenNLP's evaluator) on the held-out records. */
	private static Map<String, Object> evaluate(TokenNameFinderModel model, List<NameSample> heldOut) throws IOException {
		var evaluator = new TokenNameFinderEvaluator(new NameFinderME(model));
		evaluator.evaluate(ObjectStreamUtils.createObjectStream(heldOut));
		var measure = evaluator.getFMeasure();
		var figures = new LinkedHashMap<String, Object>();
		figures.put("precision", round(measure.getPrecisionScore()));
		figures.put("recall", round(measure.getRecallScore()));
		figures.put("f1", round(measure.getFMeasure()));
		return figures;
	}

	/** A text with labelled character spans as tokens with token spans; overlapping labels keep the longest. */
	static NameSample sample(String text, List<PiiNameSentences.Entity> entities) {
		Span[] tokens = SimpleTokenizer.INSTANCE.tokenizePos(text);
		var words = new String[tokens.length];
		for (int i = 0; i < tokens.length; i++) {
			words[i] = tokens[i].getCoveredText(text).toString();
		}
		var byLength = new ArrayList<>(entities);
		byLength.sort(Comparator.comparingInt((PiiNameSentences.Entity entity) -> entity.end() - entity.start()).reversed()
			.thenComparingInt(PiiNameSentences.Entity::start));
		var names = new ArrayList<Span>();
		for (var entity : byLength) {
			int first = -1;
			int last = -1;
			for (int i = 0; i < tokens.length; i++) {
				if (tokens[i].getStart() < entity.end() && entity.start() < tokens[i].getEnd()) {
					if (first < 0) {
						first = i;
					}
					last = i;
				}
			}
			if (first < 0) {
				continue;
			}
			var span = new Span(first, last + 1, entity.type());
			if (names.stream().noneMatch(kept -> kept.intersects(span))) {
				names.add(span);
			}
		}
		names.sort(Comparator.comparingInt(Span::getStart));
		return new NameSample(words, names.toArray(Span[]::new), true);
	}

	/**
	 * SHA-256 over what the model is learned from: the configuration file, the templates, the Presidio records and the
	 * seed (and the library versions that turn them into a model).
	 */
	static String fingerprint(Path config, Path templates, Path presidio, long seed) throws IOException {
		var digest = sha256();
		for (var part : List.of("config", sha256Hex(Files.readAllBytes(config)), "templates",
				sha256Hex(Files.readAllBytes(templates)), "presidio", sha256Hex(Files.readAllBytes(presidio)), "seed",
				String.valueOf(seed), "libraries", "opennlp-tools 2.5.6; datafaker 2.5.4")) {
			digest.update((part + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	private static String sha256Hex(byte[] bytes) {
		return HexFormat.of().formatHex(sha256().digest(bytes));
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static double round(double value) {
		return Math.round(value * 10000) / 10000.0;
	}
}
