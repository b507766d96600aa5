package com.groundwork.guardrail.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code eval/run bench-guardrails}: runs {@link GuardrailChecksBenchmark} with JMH, writes
 * {@code eval/reports/bench-guardrails.md} and {@code .json}, and prints one JSON line last on stdout:
 * {@code {"draft_p50_ms":…,"draft_p99_ms":…,"unseen_p99_ms":…}}. JMH's own output goes to stderr.
 */
public final class GuardrailBenchmarks {

	private GuardrailBenchmarks() {
	}

	public static void main(String[] args) throws RunnerException, IOException {
		PrintStream stdout = System.out;
		System.setOut(System.err);
		var report = Path.of(args.length > 0 ? args[0] : "eval/reports/bench-guardrails.md");
		var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
		double loadBefore = os.getSystemLoadAverage();
		var results = new Runner(new OptionsBuilder().include(GuardrailChecksBenchmark.class.getName()).build()).run();
		var rows = new LinkedHashMap<String, Map<String, Double>>();
		for (RunResult result : results) {
			var name = result.getParams().getBenchmark().replaceAll(".*\\.", "");
			var statistics = result.getPrimaryResult().getStatistics();
			var row = new LinkedHashMap<String, Double>();
			row.put("p50_ms", ms(statistics.getPercentile(50)));
			row.put("p90_ms", ms(statistics.getPercentile(90)));
			row.put("p99_ms", ms(statistics.getPercentile(99)));
			row.put("p999_ms", ms(statistics.getPercentile(99.9)));
			row.put("mean_ms", ms(statistics.getMean()));
			row.put("samples", (double) statistics.getN());
			rows.put(name, row);
		}
		double loadAfter = os.getSystemLoadAverage();
		var summary = new LinkedHashMap<String, Object>();
		summary.put("draft_p50_ms", rows.get("draftChecks").get("p50_ms"));
		summary.put("draft_p99_ms", rows.get("draftChecks").get("p99_ms"));
		summary.put("unseen_p99_ms", rows.get("draftChecksUnseenPassages").get("p99_ms"));
		var json = JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValueAsString(rows);
		if (report.getParent() != null) {
			Files.createDirectories(report.getParent());
		}
		Files.writeString(Path.of(report.toString().replaceAll("\\.md$", "") + ".json"), json + "\n");
		var markdown = new StringBuilder("# Guardrail checks per draft (JMH)\n\n");
		markdown.append("`eval/run bench-guardrails` — JMH ")
			.append("sample time, 1 fork, 3 × 2 s warm-up, 5 × 2 s measurement, one thread. The draft: six ~1,200-character "
					+ "passages of the sample corpus, a five-sentence cited body, CRM notes and two lead fields, a US "
					+ "recipient (see `GuardrailChecksBenchmark`). Goal: deterministic checks p99 ≤ 2 ms per draft.\n\n");
		markdown.append("```\n").append(JsonMapper.shared().writeValueAsString(summary)).append("\n```\n\n");
		markdown.append(String.format(Locale.ROOT,
				"Machine load average %.1f before and %.1f after the run, on %d cores: percentiles above p50 mostly measure"
						+ " how long the benchmark thread waited for a core.%n%n",
				loadBefore, loadAfter, os.getAvailableProcessors()));
		markdown.append("| benchmark | p50 ms | p90 ms | p99 ms | p99.9 ms | mean ms | samples |\n|---|---:|---:|---:|---:|---:|---:|\n");
		rows.forEach((name, row) -> markdown.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.0f |%n",
				name, row.get("p50_ms"), row.get("p90_ms"), row.get("p99_ms"), row.get("p999_ms"), row.get("mean_ms"),
				row.get("samples"))));
		markdown.append("\n`draftChecks` is what a draft pays when its passages were scanned before (the injection detector "
				+ "remembers scans by text); `draftChecksUnseenPassages` scans all six afresh.\n");
		Files.writeString(report, markdown.toString());
		stdout.println(JsonMapper.shared().writeValueAsString(summary));
		stdout.flush();
	}

	private static double ms(double micros) {
		return Math.round(micros) / 1000.0;
	}
}
