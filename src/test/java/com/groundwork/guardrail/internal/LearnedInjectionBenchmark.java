package com.groundwork.guardrail.internal;

import com.groundwork.knowledge.internal.TestEmbeddings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The learned injection detector per untrusted text (the committed model, the real bge-small embeddings), beside
 * {@link GuardrailChecksBenchmark}. The texts: the demo leads' CRM notes, e-mails with a CRM-style body, and paragraphs
 * of the knowledge folder, in turn. Sample time, so that percentiles are reported.
 * <ul>
 * <li>{@code unseenText}: every window embedded (the window cache emptied before each call): a text never seen.</li>
 * <li>{@code unseenCrmNote}: the same for CRM notes alone (one or two short sentences).</li>
 * <li>{@code seenText}: the steady state of texts scanned before (scores from the cache).</li>
 * </ul>
 * Run: {@code java -cp target/test-classes:target/classes:<test classpath>
 * com.groundwork.guardrail.internal.LearnedInjectionBenchmark} (prints one JSON line, writes
 * {@code eval/reports/bench-learned-injection.md}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xmx1g", "--enable-native-access=ALL-UNNAMED" })
public class LearnedInjectionBenchmark {

	LearnedInjectionDetector detector;

	List<String> texts;

	List<String> notes;

	int next;

	@Setup(Level.Trial)
	public void setUp() throws IOException {
		var features = new WindowedInjectionFeatures(new UnicodeTextNormalizer(), Path.of("guardrails/injection-features.yaml"));
		detector = new LearnedInjectionDetector(features, TestEmbeddings.bge(),
				LearnedInjectionModel.load(Path.of("guardrails/models/injection-detector.tribuo"), features));
		notes = new ArrayList<>();
		for (var file : List.of("src/main/resources/demo/leads-acme.jsonl", "src/main/resources/demo/leads-globex.jsonl")) {
			for (var line : Files.readAllLines(Path.of(file))) {
				var value = JsonMapper.shared().readTree(line).path("crm").path("notes");
				if (value.isString()) {
					notes.add(value.asString());
				}
			}
		}
		texts = new ArrayList<>();
		for (var note : notes) {
			texts.add(note);
			texts.add(LearnedInjectionDetectorTests.email(note + "."));
		}
		for (var document : GuardrailChecksBenchmark.DOCUMENTS) {
			var file = Path.of("knowledge").resolve(document);
			if (Files.exists(file)) {
				for (var paragraph : Files.readString(file).split("\\n\\s*\\n")) {
					if (paragraph.strip().length() >= 80) {
						texts.add(paragraph.strip());
					}
				}
			}
		}
	}

	@Setup(Level.Invocation)
	public void forgetUnlessSeen(org.openjdk.jmh.infra.BenchmarkParams params) {
		if (!params.getBenchmark().endsWith(".seenText")) {
			detector.forget();
		}
	}

	@Benchmark
	public Object unseenText() {
		return detector.scan(texts.get(next++ % texts.size()));
	}

	@Benchmark
	public Object unseenCrmNote() {
		return detector.scan(notes.get(next++ % notes.size()));
	}

	@Benchmark
	public Object seenText() {
		return detector.scan(texts.get(next++ % texts.size()));
	}

	public static void main(String[] args) throws Exception {
		PrintStream stdout = System.out;
		System.setOut(System.err);
		var report = Path.of(args.length > 0 ? args[0] : "eval/reports/bench-learned-injection.md");
		var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
		double loadBefore = os.getSystemLoadAverage();
		var results = new Runner(new OptionsBuilder().include(LearnedInjectionBenchmark.class.getName()).build()).run();
		var rows = new LinkedHashMap<String, double[]>();
		for (var result : results) {
			var statistics = result.getPrimaryResult().getStatistics();
			rows.put(result.getParams().getBenchmark().replaceAll(".*\\.", ""),
					new double[] { statistics.getPercentile(50) / 1000, statistics.getPercentile(90) / 1000,
							statistics.getPercentile(99) / 1000, statistics.getMean() / 1000, statistics.getN() });
		}
		var summary = new LinkedHashMap<String, Object>();
		rows.forEach((name, row) -> {
			summary.put(name + "_p50_ms", Math.round(row[0] * 1000) / 1000.0);
			summary.put(name + "_p99_ms", Math.round(row[2] * 1000) / 1000.0);
		});
		var md = new StringBuilder("# Learned injection detector per untrusted text (JMH)\n\n");
		md.append("`LearnedInjectionBenchmark` — JMH sample time, 1 fork, 2 × 2 s warm-up, 5 × 2 s measurement, one thread; ")
			.append("the committed model and the in-process bge-small embeddings. Goal: p99 ≤ 5 ms per untrusted text.\n\n```\n")
			.append(JsonMapper.shared().writeValueAsString(summary))
			.append("\n```\n\n")
			.append(String.format(Locale.ROOT, "Machine load average %.1f before and %.1f after, on %d cores.%n%n", loadBefore,
					os.getSystemLoadAverage(), os.getAvailableProcessors()))
			.append("| benchmark | p50 ms | p90 ms | p99 ms | mean ms | samples |\n|---|---:|---:|---:|---:|---:|\n");
		rows.forEach((name, row) -> md.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.3f | %.0f |%n", name,
				row[0], row[1], row[2], row[3], row[4])));
		Files.writeString(report, md.toString());
		stdout.println(JsonMapper.shared().writeValueAsString(summary));
	}
}
