package com.groundwork.guardrail.internal;

import com.groundwork.guardrail.InjectionFeatures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The trained injection classifier ({@code guardrails/models/injection-detector.tribuo}, Tribuo's protobuf format) and
 * its description beside it ({@code injection-detector.json}: training command, data fingerprint, feature version,
 * threshold, cross-validation figures). Refuses a model trained on other features than the running ones.
 */
record LearnedInjectionModel(Model<Label> model, double threshold, String featureVersion) {

	static final String POSITIVE = "injection";

	static final String RETRAIN = "eval/run train-injection-detector";

	/** @param file the {@code .tribuo} file; its description is the {@code .json} file of the same name */
	@SuppressWarnings("unchecked")
	static LearnedInjectionModel load(Path file, InjectionFeatures features) {
		var description = Path.of(file.toString().replaceAll("\\.tribuo$", "") + ".json");
		try {
			JsonNode meta = JsonMapper.shared().readTree(Files.readString(description));
			var model = Model.deserializeFromFile(file);
			if (!model.validate(Label.class)) {
				throw new IllegalStateException(file + ": not a classification model");
			}
			var version = meta.path("feature_version").asString("");
			if (!version.equals(features.version())) {
				throw new IllegalStateException(file + ": trained on features " + version + ", the service has "
						+ features.version() + " (guardrails/injection-features.yaml or the window code changed); rerun "
						+ RETRAIN);
			}
			return new LearnedInjectionModel((Model<Label>) model, meta.path("threshold").asDouble(0.5), version);
		}
		catch (IOException ex) {
			throw new IllegalStateException(file + " or " + description + ": cannot be read (" + ex.getMessage()
					+ "); train it with " + RETRAIN + " or set groundwork.guardrail.learned-injection.enabled=false", ex);
		}
	}

	/** The probability that a window is an injection. */
	double probability(InjectionFeatures.Vector vector) {
		var example = new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, vector.names(), vector.values());
		var scores = model.predict(example).getOutputScores();
		var positive = scores.get(POSITIVE);
		return positive == null ? 0 : positive.getScore();
	}
}
