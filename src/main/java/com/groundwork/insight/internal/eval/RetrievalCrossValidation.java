package com.groundwork.insight.internal.eval;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@code retrieval --folds K}: which search configuration to run is itself learned from the training queries, so the
 * figure that predicts unseen queries is the one where each query was scored by a configuration chosen without it.
 * Queries fall into K fixed folds by a hash of their id; for each fold, the configuration with the best mean nDCG on
 * the other folds is scored on that fold. The mean and spread over the folds is the cross-validated figure.
 */
final class RetrievalCrossValidation {

	static final String EMBEDDERS = "groundwork.search.embedders";

	/** One candidate configuration: search properties over the defaults. */
	record Config(String name, Map<String, String> properties) {

		List<String> springProperties() {
			return properties.entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue()).toList();
		}
	}

	/**
	 * @param mean the held-out folds' mean nDCG
	 * @param sd the sample standard deviation over the folds
	 * @param perFold each fold's held-out nDCG, fold 0 first
	 * @param chosen the configuration chosen for each fold (on the other folds)
	 * @param queriesPerFold how many queries each fold holds
	 */
	record Result(double mean, double sd, List<Double> perFold, List<String> chosen, List<Integer> queriesPerFold) {
	}

	private RetrievalCrossValidation() {
	}

	/** The fold of a query: fixed by its id, whatever else is in the run. */
	static int fold(String queryId, int folds) {
		return Math.floorMod(queryId.hashCode() * 31 + 17, folds);
	}

	/**
	 * @param scores per configuration (in grid order; ties go to the earlier), each query's nDCG by query id; every
	 * configuration scored the same queries
	 */
	static Result crossValidate(Map<String, Map<String, Double>> scores, int folds) {
		if (folds < 2) {
			throw new EvalArguments.UsageException("--folds must be at least 2");
		}
		if (scores.isEmpty()) {
			throw new IllegalArgumentException("no configuration was scored");
		}
		var queries = scores.values().iterator().next().keySet();
		var perFold = new ArrayList<Double>();
		var chosen = new ArrayList<String>();
		var sizes = new ArrayList<Integer>();
		for (int f = 0; f < folds; f++) {
			final int heldOut = f;
			String best = null;
			double bestMean = Double.NEGATIVE_INFINITY;
			for (var config : scores.entrySet()) {
				double mean = config.getValue()
					.entrySet()
					.stream()
					.filter(query -> fold(query.getKey(), folds) != heldOut)
					.mapToDouble(Map.Entry::getValue)
					.average()
					.orElse(0);
				if (mean > bestMean) {
					bestMean = mean;
					best = config.getKey();
				}
			}
			var held = scores.get(best)
				.entrySet()
				.stream()
				.filter(query -> fold(query.getKey(), folds) == heldOut)
				.mapToDouble(Map.Entry::getValue)
				.toArray();
			chosen.add(best);
			sizes.add(held.length);
			perFold.add(held.length == 0 ? 0 : java.util.Arrays.stream(held).average().orElse(0));
		}
		double mean = perFold.stream().mapToDouble(Double::doubleValue).average().orElse(0);
		double squares = perFold.stream().mapToDouble(value -> (value - mean) * (value - mean)).sum();
		double sd = Math.sqrt(squares / Math.max(1, folds - 1));
		if (queries.isEmpty()) {
			throw new IllegalArgumentException("no query was scored");
		}
		return new Result(mean, sd, perFold, chosen, sizes);
	}

	/** The configurations of a grid file (see eval/retrieval/grid.yaml). */
	@SuppressWarnings("unchecked")
	static List<Config> grid(Path file) throws IOException {
		Object parsed;
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
		}
		if (!(parsed instanceof List<?> entries) || entries.isEmpty()) {
			throw new EvalArguments.UsageException(file + ": expected a list of {name, properties}");
		}
		var configs = new ArrayList<Config>();
		var names = new LinkedHashSet<String>();
		for (var entry : entries) {
			if (!(entry instanceof Map<?, ?> map) || !(map.get("name") instanceof String name)) {
				throw new EvalArguments.UsageException(file + ": every entry needs a name");
			}
			if (!names.add(name)) {
				throw new EvalArguments.UsageException(file + ": configuration '" + name + "' appears twice");
			}
			var properties = new LinkedHashMap<String, String>();
			if (map.get("properties") instanceof Map<?, ?> given) {
				given.forEach((key, value) -> {
					if (!String.valueOf(key).startsWith("groundwork.search.")) {
						throw new EvalArguments.UsageException(file + ": configuration '" + name
								+ "' sets " + key + "; only groundwork.search.* properties are tuned");
					}
					properties.put(String.valueOf(key), String.valueOf(value));
				});
			}
			configs.add(new Config(name, properties));
		}
		return configs;
	}

	/** Every embedding model any configuration (or the base properties) uses, primary first: what to ingest with. */
	static String embedderUnion(List<Config> grid, List<String> baseProperties, String primary) {
		var models = new LinkedHashSet<String>();
		models.add(primary);
		for (var property : baseProperties) {
			if (property.startsWith(EMBEDDERS + "=")) {
				models.addAll(split(property.substring(EMBEDDERS.length() + 1)));
			}
		}
		for (var config : grid) {
			models.addAll(split(config.properties().getOrDefault(EMBEDDERS, "")));
		}
		return String.join(",", models);
	}

	private static List<String> split(String list) {
		return java.util.Arrays.stream(list.split(",")).map(String::strip).filter(name -> !name.isEmpty()).toList();
	}
}
