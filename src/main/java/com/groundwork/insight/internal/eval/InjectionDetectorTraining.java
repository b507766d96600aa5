package com.groundwork.insight.internal.eval;

import com.groundwork.guardrail.GuardrailEvaluation;
import com.groundwork.guardrail.InjectionFeatures;
import com.groundwork.knowledge.Embedders;
import com.groundwork.knowledge.Embeddings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code train-injection-detector}: trains the guardrail's learned injection detector (Tribuo logistic regression over
 * window embeddings and lexical cues, {@link InjectionFeatures}) on BIPIA's attack training splits and benign text,
 * chooses its threshold by leave-one-category-out cross-validation, and writes the model, its description and a
 * report. See {@code eval/README.md}.
 */
final class InjectionDetectorTraining implements EvalCommand {

	private static final Logger log = LoggerFactory.getLogger(InjectionDetectorTraining.class);

	static final String COMMAND = "eval/run train-injection-detector";

	private static final String POSITIVE = "injection";

	private static final String NEGATIVE = "benign";

	private static final long SEED = 20261207L;

	/** Placements of each attack into benign text of each fold. */
	private static final int PLACEMENTS_PER_FOLD = 3;

	private static final LabelFactory LABELS = new LabelFactory();

	enum Position {
		START, MIDDLE, END, FIELD
	}

	/** A text an attack sits in: the attack alone ({@code fold} -1) or placed into benign text of a fold. */
	record AttackText(InjectionTrainingInputs.Attack attack, int fold, Position position, String text, int[] windows,
			int[] attackPositions) {
	}

	/** A benign text and its windows. */
	record BenignText(InjectionTrainingInputs.Benign benign, int[] windows) {
	}

	/** The highest window score of a held-out text in one round, and whether the rules flag the text. */
	record Scored(String group, String kind, double score, boolean patterns) {
	}

	@Override
	public String name() {
		return "train-injection-detector";
	}

	@Override
	public String usage() {
		return "train-injection-detector [--data ../shared/data/bipia] [--knowledge knowledge]"
				+ " [--crm-notes eval/injection/crm-notes.yaml] [--model guardrails/models/injection-detector.tribuo]"
				+ " [--report eval/reports/injection-detector.md] [--max-fpr 0.015] [--cache-dir DIR|none]";
	}

	@Override
	public Map<String, Object> run(EvalArguments arguments) throws Exception {
		long started = System.nanoTime();
		var bipia = Path.of(arguments.get("data", "../shared/data/bipia"));
		var knowledge = Path.of(arguments.get("knowledge", "knowledge"));
		var crmNotes = Path.of(arguments.get("crm-notes", "eval/injection/crm-notes.yaml"));
		var modelFile = Path.of(arguments.get("model", "guardrails/models/injection-detector.tribuo"));
		var report = Path.of(arguments.get("report", "eval/reports/injection-detector.md"));
		double maxFpr = Double.parseDouble(arguments.get("max-fpr", "0.015"));
		var cacheDir = arguments.get("cache-dir", EmbeddingCache.DEFAULT_DIRECTORY.toString());
		var properties = new ArrayList<>(List.of("groundwork.knowledge.sync-on-start=false",
				// the model being trained must not be needed to start
				"groundwork.guardrail.learned-injection.enabled=false"));
		properties.addAll(arguments.springProperties());
		var caches = new LinkedHashMap<String, EmbeddingCache>();
		try (var context = EvalContext.start(properties, null,
				(app, model) -> new CachedEmbeddings(model, () -> RetrievalEvaluation.openCache(caches, cacheDir, model)))) {
			var features = context.bean(InjectionFeatures.class);
			var embeddings = context.bean(Embedders.class).primary();
			var patterns = context.bean(GuardrailEvaluation.class);
			var tika = new org.apache.tika.Tika();
			var parse = (java.util.function.Function<Path, String>) file -> {
				try {
					var name = file.getFileName().toString();
					return name.endsWith(".md") || name.endsWith(".txt") ? Files.readString(file) : tika.parseToString(file);
				}
				catch (IOException | org.apache.tika.exception.TikaException ex) {
					throw new IllegalStateException(file + ": cannot be read: " + ex.getMessage(), ex);
				}
			};
			var fingerprint = InjectionTrainingInputs.fingerprint(bipia, knowledge, crmNotes, features.version());
			var run = new Run(features, InjectionTrainingInputs.attacks(bipia),
					InjectionTrainingInputs.benign(bipia, knowledge, crmNotes, parse),
					InjectionTrainingInputs.companies(crmNotes));
			run.prepare();
			run.embed(embeddings);
			var full = run.crossValidate(false, patterns);
			var embeddingOnly = run.crossValidate(true, null);
			var chosen = InjectionDetectorFigures.choose(full, maxFpr);
			var chosenEmbeddingOnly = InjectionDetectorFigures.choose(embeddingOnly, maxFpr);
			log.info("train-injection-detector: final model on all data");
			var model = run.train(run.positiveTexts(-1, null), run.negativeTexts(-1), false);
			Files.createDirectories(modelFile.toAbsolutePath().getParent());
			model.serializeToFile(modelFile);
			var summary = chosen.summary(chosenEmbeddingOnly);
			var description = new LinkedHashMap<String, Object>();
			description.put("command", COMMAND);
			description.put("format", "Tribuo " + org.tribuo.Tribuo.VERSION + " protobuf (Model.serializeToFile)");
			description.put("model", "logistic regression (LinearSGDTrainer, LogMulticlass, AdaGrad 0.1, 20 epochs, seed 1)");
			description.put("embedding_model", embeddings.name());
			description.put("feature_version", features.version());
			description.put("training_version", InjectionTrainingInputs.TRAINING_VERSION);
			description.put("fingerprint", fingerprint);
			description.put("inputs", List.of(bipia + "/{" + String.join(",", InjectionTrainingInputs.DATA_FILES) + "}",
					knowledge.toString(), crmNotes.toString()));
			description.put("threshold", chosen.threshold());
			description.put("examples", run.counts());
			description.put("cross_validation", summary);
			Files.writeString(Path.of(modelFile.toString().replaceAll("\\.tribuo$", "") + ".json"),
					JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValueAsString(description) + "\n");
			if (report.getParent() != null) {
				Files.createDirectories(report.getParent());
			}
			Files.writeString(report, InjectionDetectorFigures.markdown(chosen, chosenEmbeddingOnly, run.counts(), fingerprint, modelFile));
			var result = new LinkedHashMap<String, Object>(summary);
			result.put("seconds", Math.round((System.nanoTime() - started) / 1e9));
			return result;
		}
		finally {
			for (var cache : caches.values()) {
				cache.close();
			}
		}
	}

	/** One training run's windows, their vectors, and the cross-validation over them. */
	static final class Run {

		private final InjectionFeatures features;

		private final List<InjectionTrainingInputs.Attack> attacks;

		private final List<InjectionTrainingInputs.Benign> benign;

		private final List<String> companies;

		private final List<String> categories;

		private final Map<String, Integer> windowIndex = new HashMap<>();

		private final List<String> windowTexts = new ArrayList<>();

		private final List<AttackText> attackTexts = new ArrayList<>();

		private final List<BenignText> benignTexts = new ArrayList<>();

		private String[] names;

		private final List<float[]> embedded = new ArrayList<>();

		/** Each text's windows' feature values within it (attack texts: only the attack's windows). */
		private final List<List<double[]>> attackVectors = new ArrayList<>();

		private final List<List<double[]>> benignVectors = new ArrayList<>();

		Run(InjectionFeatures features, List<InjectionTrainingInputs.Attack> attacks,
				List<InjectionTrainingInputs.Benign> benign, List<String> companies) {
			this.features = features;
			this.attacks = attacks;
			this.benign = benign;
			this.companies = companies;
			this.categories = attacks.stream().map(InjectionTrainingInputs.Attack::category).distinct().toList();
		}

		/** The held-out fold of a category's round: categories take the folds in turn. */
		int fold(String category) {
			return categories.indexOf(category) % InjectionTrainingInputs.FOLDS;
		}

		void prepare() {
			for (var text : benign) {
				benignTexts.add(new BenignText(text, features.windows(text.text())
					.stream()
					.mapToInt(window -> index(window.text()))
					.toArray()));
			}
			// Hosts of placed attacks per fold: e-mails, CRM notes and knowledge paragraphs.
			var hosts = new ArrayList<List<String>>();
			for (int k = 0; k < InjectionTrainingInputs.FOLDS; k++) {
				hosts.add(new ArrayList<>());
			}
			for (var text : benign) {
				switch (text.source()) {
					case "email", "crm-note" -> hosts.get(text.fold()).add(text.text());
					case "knowledge" -> {
						for (var paragraph : text.text().split("\\n\\s*\\n")) {
							if (paragraph.strip().length() >= 80 && paragraph.strip().length() <= 1500) {
								hosts.get(text.fold()).add(paragraph.strip());
							}
						}
					}
					default -> {
					}
				}
			}
			var random = new SplittableRandom(SEED);
			for (int a = 0; a < attacks.size(); a++) {
				var attack = attacks.get(a);
				attackTexts.add(placed(attack, -1, null, ""));
				for (int k = 0; k < InjectionTrainingInputs.FOLDS; k++) {
					for (int j = 0; j < PLACEMENTS_PER_FOLD; j++) {
						var position = Position.values()[(a + PLACEMENTS_PER_FOLD * k + j) % Position.values().length];
						var host = position == Position.FIELD ? companies.get(random.nextInt(companies.size()))
								: hosts.get(k).get(random.nextInt(hosts.get(k).size()));
						attackTexts.add(placed(attack, k, position, host));
					}
				}
			}
			log.info("train-injection-detector: {} attacks in {} categories, {} attack texts, {} benign texts, {} distinct windows",
					attacks.size(), categories.size(), attackTexts.size(), benignTexts.size(), windowTexts.size());
		}

		/** The attack placed into {@code host}; its windows that are mostly attack instruction. */
		private AttackText placed(InjectionTrainingInputs.Attack attack, int fold, Position position, String host) {
			String text;
			int at;
			if (position == null) {
				text = attack.text();
				at = 0;
			}
			else {
				switch (position) {
					case START -> {
						text = attack.text() + " " + host;
						at = 0;
					}
					case END, FIELD -> {
						text = host + " " + attack.text();
						at = host.length() + 1;
					}
					default -> {
						int cut = middle(host);
						text = host.substring(0, cut) + " " + attack.text() + " " + host.substring(cut).stripLeading();
						at = cut + 1;
					}
				}
			}
			int instructionEnd = at + attack.instruction().length();
			var windows = new ArrayList<Integer>();
			var positions = new ArrayList<Integer>();
			for (var window : features.windows(text)) {
				int overlap = Math.min(window.end(), instructionEnd) - Math.max(window.start(), at);
				int shorter = Math.min(window.end() - window.start(), instructionEnd - at);
				if (overlap > 0 && overlap * 2 >= shorter) {
					positions.add(windows.size());
				}
				windows.add(index(window.text()));
			}
			return new AttackText(attack, fold, position, text, windows.stream().mapToInt(Integer::intValue).toArray(),
					positions.stream().mapToInt(Integer::intValue).toArray());
		}

		/** The sentence boundary nearest the middle (as the injection evaluation plants attacks). */
		private static int middle(String host) {
			int middle = host.length() / 2;
			int best = -1;
			for (int i = 1; i < host.length(); i++) {
				char c = host.charAt(i - 1);
				if ((c == '.' || c == '!' || c == '?' || c == '\n') && Character.isWhitespace(host.charAt(i))
						&& (best < 0 || Math.abs(i - middle) < Math.abs(best - middle))) {
					best = i;
				}
			}
			return best > 0 ? best : host.length();
		}

		private int index(String window) {
			return windowIndex.computeIfAbsent(window, text -> {
				windowTexts.add(text);
				return windowTexts.size() - 1;
			});
		}

		void embed(Embeddings embeddings) {
			int batch = 64;
			long started = System.nanoTime();
			for (int from = 0; from < windowTexts.size(); from += batch) {
				var texts = windowTexts.subList(from, Math.min(windowTexts.size(), from + batch));
				embedded.addAll(embeddings.embedPassages(texts));
				if ((from / batch) % 20 == 0) {
					log.info("train-injection-detector: embedded {} of {} windows ({} s)", from + texts.size(),
							windowTexts.size(), Math.round((System.nanoTime() - started) / 1e9));
				}
			}
			for (var text : attackTexts) {
				var vectors = vectors(text.windows());
				var kept = new ArrayList<double[]>();
				for (int position : text.attackPositions()) {
					kept.add(vectors.get(position));
				}
				attackVectors.add(kept);
			}
			for (var text : benignTexts) {
				benignVectors.add(vectors(text.windows()));
			}
		}

		private List<double[]> vectors(int[] windows) {
			var texts = new ArrayList<String>(windows.length);
			var embeddings = new ArrayList<float[]>(windows.length);
			for (int window : windows) {
				texts.add(windowTexts.get(window));
				embeddings.add(embedded.get(window));
			}
			var vectors = features.vectors(texts, embeddings);
			if (!vectors.isEmpty()) {
				names = vectors.getFirst().names();
			}
			return vectors.stream().map(InjectionFeatures.Vector::values).toList();
		}

		/** Attack texts of every category but {@code heldOut}, bare or placed outside the held-out fold. */
		List<Integer> positiveTexts(int heldOutFold, String heldOut) {
			var texts = new ArrayList<Integer>();
			for (int i = 0; i < attackTexts.size(); i++) {
				var text = attackTexts.get(i);
				if (!text.attack().category().equals(heldOut) && (text.fold() < 0 || text.fold() != heldOutFold)) {
					texts.add(i);
				}
			}
			return texts;
		}

		List<Integer> negativeTexts(int heldOutFold) {
			var texts = new ArrayList<Integer>();
			for (int i = 0; i < benignTexts.size(); i++) {
				if (benignTexts.get(i).benign().fold() != heldOutFold) {
					texts.add(i);
				}
			}
			return texts;
		}

		/**
		 * Each benign source (e-mail, table, code, knowledge, CRM note) weighs the same in all, as the false positive
		 * rate the threshold is chosen by averages over them; the attacks weigh half as much as all benign windows.
		 */
		Model<Label> train(List<Integer> positiveTexts, List<Integer> negativeTexts, boolean embeddingOnly) {
			var positives = new ArrayList<double[]>();
			positiveTexts.forEach(i -> positives.addAll(attackVectors.get(i)));
			var perSource = new LinkedHashMap<String, Integer>();
			negativeTexts.forEach(i -> perSource.merge(benignTexts.get(i).benign().source(), benignVectors.get(i).size(),
					Integer::sum));
			int negatives = perSource.values().stream().mapToInt(Integer::intValue).sum();
			var dataset = new MutableDataset<Label>(new SimpleDataSourceProvenance("injection windows", LABELS), LABELS);
			var positive = new Label(POSITIVE);
			var negative = new Label(NEGATIVE);
			float positiveWeight = (float) Math.max(1.0, negatives / (2.0 * Math.max(1, positives.size())));
			for (var values : positives) {
				var example = example(values, positive, embeddingOnly);
				example.setWeight(positiveWeight);
				dataset.add(example);
			}
			for (int i : negativeTexts) {
				float weight = (float) (negatives
						/ (perSource.size() * (double) perSource.get(benignTexts.get(i).benign().source())));
				for (var values : benignVectors.get(i)) {
					var example = example(values, negative, embeddingOnly);
					example.setWeight(weight);
					dataset.add(example);
				}
			}
			var trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.1, 0.1), 20, -1, 1, 1L);
			return trainer.train(dataset);
		}

		private Example<Label> example(double[] values, Label label, boolean embeddingOnly) {
			if (embeddingOnly) {
				values = values.clone();
				for (int i = 0; i < names.length; i++) {
					if (!names[i].startsWith("emb.")) {
						values[i] = 0;
					}
				}
			}
			return new ArrayExample<>(label, names, values);
		}

		/** The highest probability among a text's windows (0 for a text without one). */
		private double max(Model<Label> model, List<double[]> vectors, boolean embeddingOnly) {
			double max = 0;
			for (var values : vectors) {
				var score = model.predict(example(values, LabelFactory.UNKNOWN_LABEL, embeddingOnly))
					.getOutputScores()
					.get(POSITIVE);
				max = Math.max(max, score == null ? 0 : score.getScore());
			}
			return max;
		}

		/** Leave one category out: every category's attacks scored by a model that saw neither them nor their fold's benign texts. */
		InjectionDetectorFigures crossValidate(boolean embeddingOnly, GuardrailEvaluation patterns) {
			var positives = new ArrayList<Scored>();
			var negatives = new ArrayList<Scored>();
			var patternFlags = new HashMap<String, Boolean>();
			java.util.function.Predicate<String> flaggedByPatterns = text -> patterns != null
					&& patternFlags.computeIfAbsent(text, t -> patterns.scanUntrusted(t).stream().anyMatch(hit -> hit.score() >= 0.5));
			long started = System.nanoTime();
			for (var category : categories) {
				int fold = fold(category);
				var model = train(positiveTexts(fold, category), negativeTexts(fold), embeddingOnly);
				for (int i = 0; i < attackTexts.size(); i++) {
					var text = attackTexts.get(i);
					if (text.attack().category().equals(category) && (text.fold() < 0 || text.fold() == fold)) {
						var kind = text.position() == null ? "bare" : text.position().name().toLowerCase(Locale.ROOT);
						positives.add(new Scored(category, kind, max(model, attackVectors.get(i), embeddingOnly),
								flaggedByPatterns.test(text.text())));
					}
				}
				for (int i = 0; i < benignTexts.size(); i++) {
					var text = benignTexts.get(i);
					if (text.benign().fold() == fold) {
						negatives.add(new Scored(text.benign().source(), "text", max(model, benignVectors.get(i), embeddingOnly),
								flaggedByPatterns.test(text.benign().text())));
					}
				}
				log.info("train-injection-detector: {}held out '{}' (fold {}) done ({} s)",
						embeddingOnly ? "embedding only, " : "", category, fold,
						Math.round((System.nanoTime() - started) / 1e9));
			}
			var families = new LinkedHashMap<String, String>();
			attacks.forEach(attack -> families.put(attack.category(), attack.family()));
			return new InjectionDetectorFigures(positives, negatives, families, 0, patterns != null);
		}

		Map<String, Object> counts() {
			var counts = new LinkedHashMap<String, Object>();
			counts.put("attacks", attacks.size());
			counts.put("categories", categories.size());
			counts.put("attack_texts", attackTexts.size());
			counts.put("positive_windows", positiveTexts(-1, null).stream().mapToInt(i -> attackVectors.get(i).size()).sum());
			var bySource = new LinkedHashMap<String, Integer>();
			benign.forEach(text -> bySource.merge(text.source(), 1, Integer::sum));
			counts.put("benign_texts", bySource);
			counts.put("negative_windows", negativeTexts(-1).stream().mapToInt(i -> benignVectors.get(i).size()).sum());
			counts.put("distinct_windows", windowTexts.size());
			return counts;
		}
	}
}
