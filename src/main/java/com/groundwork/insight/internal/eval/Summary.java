package com.groundwork.insight.internal.eval;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The outcome of {@code eval/run all}: each step's result, the figures, and their comparison with the baseline. */
record Summary(String mode, boolean qualityOnly, Instant finishedAt, double seconds, List<StepResult> steps,
		Map<String, Double> figures, List<Check> checks, String status) {

	/**
	 * @param status {@code passed}, {@code skipped} (with the reason in {@code note}) or {@code failed}
	 */
	record StepResult(String name, boolean quality, String status, String command, Map<String, Object> result,
			double seconds, String note) {

		static StepResult ran(String name, boolean quality, String command, Map<String, Object> result, double seconds) {
			return new StepResult(name, quality, "passed", command, result, round(seconds), "");
		}

		static StepResult skipped(String name, boolean quality, String reason) {
			return new StepResult(name, quality, "skipped", "", Map.of(), 0, reason);
		}

		static StepResult failed(String name, boolean quality, String command, String error, double seconds) {
			return new StepResult(name, quality, "failed", command, Map.of(), round(seconds), error);
		}
	}

	/** @param verdict {@code ok}, {@code improved}, {@code regressed} or {@code not measured} */
	record Check(String figure, double baseline, @Nullable Double measured, double tolerance, String better,
			String verdict) {
	}

	static Summary of(String mode, boolean qualityOnly, Instant at, double seconds, List<StepResult> steps,
			Baseline baseline) {
		var figures = new LinkedHashMap<String, Double>();
		for (var step : steps) {
			flatten(step.name(), step.result(), figures);
			if (step.name().equals("drafts") && figures.containsKey("drafts.cases")
					&& figures.get("drafts.cases") > 0) {
				figures.put("drafts.pass_rate", round(figures.get("drafts.passed") / figures.get("drafts.cases")));
			}
		}
		var checks = new ArrayList<Check>();
		boolean regressed = false;
		for (var entry : baseline.figures().entrySet()) {
			var expected = entry.getValue();
			var measured = figures.get(entry.getKey());
			String verdict;
			if (measured == null) {
				verdict = "not measured";
			}
			else if (expected.regressed(measured)) {
				verdict = "regressed";
				regressed = true;
			}
			else {
				verdict = expected.improved(measured) ? "improved" : "ok";
			}
			checks.add(new Check(entry.getKey(), expected.value(), measured, expected.tolerance(),
					expected.higherIsBetter() ? "higher" : "lower", verdict));
		}
		boolean failed = steps.stream().anyMatch(step -> step.status().equals("failed"));
		var status = failed ? "failed" : regressed ? "regressed" : "passed";
		return new Summary(mode, qualityOnly, at, round(seconds), steps, figures, checks, status);
	}

	private static void flatten(String prefix, Map<?, ?> map, Map<String, Double> into) {
		for (var entry : map.entrySet()) {
			var key = prefix + "." + entry.getKey();
			if (entry.getValue() instanceof Number number) {
				into.put(key, number.doubleValue());
			}
			else if (entry.getValue() instanceof Map<?, ?> nested && !String.valueOf(entry.getKey()).startsWith("by_")) {
				flatten(key, nested, into);
			}
		}
	}

	/** The JSON of summary.json. */
	Map<String, Object> asMap() {
		var map = new LinkedHashMap<String, Object>();
		map.put("status", status);
		map.put("mode", mode);
		map.put("qualityOnly", qualityOnly);
		map.put("finishedAt", finishedAt.toString());
		map.put("seconds", seconds);
		map.put("figures", figures);
		map.put("checks", checks);
		map.put("steps", steps);
		return map;
	}

	/** The one line eval/run prints: status, the gated figures and what was skipped or failed. */
	Map<String, Object> line() {
		var map = new LinkedHashMap<String, Object>();
		map.put("status", status);
		map.put("mode", mode);
		var gated = new LinkedHashMap<String, Object>();
		checks.forEach(check -> gated.put(check.figure(), check.measured()));
		map.put("figures", gated);
		map.put("regressed", checks.stream().filter(check -> check.verdict().equals("regressed")).map(Check::figure).toList());
		map.put("skipped", steps.stream().filter(step -> step.status().equals("skipped")).map(StepResult::name).toList());
		map.put("failed", steps.stream().filter(step -> step.status().equals("failed")).map(StepResult::name).toList());
		map.put("seconds", seconds);
		return map;
	}

	static double round(double value) {
		return Math.round(value * 10_000) / 10_000.0;
	}
}
