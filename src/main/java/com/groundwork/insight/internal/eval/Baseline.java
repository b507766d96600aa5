package com.groundwork.insight.internal.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code eval/baseline.json}: per mode ({@code quick}, {@code full}), the quality figures a run must keep, each with
 * its tolerance and which way is better: {@code {"quick": {"retrieval.hybrid.ndcg@10": {"value": 0.8, "tolerance":
 * 0.01, "better": "higher"}}}}.
 */
record Baseline(Map<String, Expected> figures) {

	record Expected(double value, double tolerance, boolean higherIsBetter) {

		/** Whether the measured figure dropped beyond the tolerance. */
		boolean regressed(double measured) {
			return higherIsBetter ? measured < value - tolerance - 1e-12 : measured > value + tolerance + 1e-12;
		}

		boolean improved(double measured) {
			return higherIsBetter ? measured > value + tolerance : measured < value - tolerance;
		}
	}

	static Baseline read(Path file, String mode) throws IOException {
		var figures = new LinkedHashMap<String, Expected>();
		if (!Files.isRegularFile(file)) {
			return new Baseline(figures);
		}
		JsonNode root = JsonMapper.shared().readTree(Files.readString(file));
		var section = root.get(mode);
		if (section == null || !section.isObject()) {
			return new Baseline(figures);
		}
		for (var name : section.propertyNames()) {
			var entry = section.get(name);
			figures.put(name, new Expected(entry.get("value").asDouble(),
					entry.has("tolerance") ? entry.get("tolerance").asDouble() : 0,
					!entry.has("better") || !entry.get("better").asString().equals("lower")));
		}
		return new Baseline(figures);
	}
}
