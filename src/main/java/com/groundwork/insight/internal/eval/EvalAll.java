package com.groundwork.insight.internal.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code all}: every evaluation and benchmark in one run, one report ({@code index.html} with tables and charts, and
 * {@code summary.json}), and a gate: the quality figures are compared with {@code eval/baseline.json} and a drop
 * beyond its tolerance fails the run (exit code 3). A subcommand this build does not have, or whose data is missing,
 * is reported as skipped. {@code --quick} runs each in a small fixed size (what CI runs, with {@code --quality-only});
 * benchmarks are reported but never gated, their figures moving with the machine's load.
 */
final class EvalAll implements EvalCommand {

	private static final Logger log = LoggerFactory.getLogger(EvalAll.class);

	/** Exit code of a run whose quality dropped below the baseline or whose step failed. */
	static final int REGRESSED = 3;

	private final Supplier<List<EvalCommand>> commands;

	EvalAll(Supplier<List<EvalCommand>> commands) {
		this.commands = commands;
	}

	@Override
	public String name() {
		return "all";
	}

	@Override
	public String usage() {
		return "all [--quick] [--quality-only] [--reports eval/reports] [--baseline eval/baseline.json] [--data ../shared/data]";
	}

	/**
	 * One step of the run.
	 *
	 * @param quality whether its figures are gated by the baseline (benchmarks are not)
	 * @param data files it needs under the data folder; missing ones skip it
	 */
	record Step(String name, boolean quality, List<String> data, Arguments arguments) {
	}

	@FunctionalInterface
	interface Arguments {

		/** The subcommand's arguments (its name first), in full or quick size, writing its report under reports. */
		List<String> of(boolean quick, Path data, Path reports, Path work) throws IOException;
	}

	static List<Step> steps() {
		return List.of(
				new Step("retrieval", true, List.of("scifact/corpus.jsonl", "scifact/queries-train.jsonl", "scifact/qrels-train.tsv"),
						(quick, data, reports, work) -> {
							var scifact = data.resolve("scifact");
							var corpus = scifact.resolve("corpus.jsonl");
							var queries = scifact.resolve("queries-train.jsonl");
							var qrels = scifact.resolve("qrels-train.tsv");
							if (quick) {
								var subset = RetrievalSubset.write(corpus, queries, qrels, work);
								corpus = subset.corpus();
								queries = subset.queries();
							}
							return List.of("retrieval", "--corpus", corpus.toString(), "--queries", queries.toString(),
									"--qrels", qrels.toString(), "--report", reports.resolve(report("retrieval", quick)).toString());
						}),
				new Step("drafts", true, List.of(), (quick, data, reports, work) -> List.of("drafts")),
				new Step("draft-quality", true, List.of(),
						(quick, data, reports, work) -> List.of("draft-quality", "--knowledge", "knowledge", "--leads",
								"eval/draft-quality/leads.jsonl", "--report",
								reports.resolve(report("draft-quality", quick)).toString())),
				new Step("injection", true, List.of("bipia/email-train.jsonl", "bipia/text-attack-train.json",
						"bipia/code-attack-train.json", "bipia/table-train.jsonl", "bipia/code-train.jsonl"),
						(quick, data, reports, work) -> {
							var emails = data.resolve("bipia/email-train.jsonl");
							if (quick) {
								emails = head(emails, work.resolve("bipia-emails-quick.jsonl"), 5);
							}
							return List.of("injection", "--emails", emails.toString(), "--attacks",
									data.resolve("bipia/text-attack-train.json").toString(), "--code-attacks",
									data.resolve("bipia/code-attack-train.json").toString(), "--tables",
									data.resolve("bipia/table-train.jsonl").toString(), "--code-contexts",
									data.resolve("bipia/code-train.jsonl").toString(), "--e2e-cases", quick ? "40" : "1500",
									"--report", reports.resolve(report("injection", quick)).toString());
						}),
				new Step("pii", true, List.of("pii/presidio-synth-train.json"),
						(quick, data, reports, work) -> List.of("pii", "--data",
								data.resolve("pii/presidio-synth-train.json").toString(), "--report",
								reports.resolve(report("pii", quick)).toString())),
				new Step("bench-search", false, List.of("scifact/corpus.jsonl", "scifact/queries-train.jsonl"),
						(quick, data, reports, work) -> quick
								? List.of("bench-search", "--chunks", "20000", "--query-texts", "40", "--ingest-docs", "20",
										"--report", reports.resolve(report("bench-search", true)).toString())
								: List.of("bench-search", "--report", reports.resolve("bench-search.md").toString())),
				new Step("bench-draft", false, List.of(),
						(quick, data, reports, work) -> List.of("bench-draft", "--drafts", quick ? "60" : "300")),
				new Step("bench-review", false, List.of(),
						(quick, data, reports, work) -> List.of("bench-review", "--drafts", quick ? "40" : "200",
								"--report", reports.resolve(report("bench-review", quick)).toString())),
				new Step("bench-campaign", false, List.of(),
						(quick, data, reports, work) -> quick
								? List.of("bench-campaign", "--leads", "200", "--warm-up", "50", "--warm-up-seconds", "15", "--report",
										reports.resolve(report("bench-campaign", true)).toString())
								: List.of("bench-campaign", "--report", reports.resolve("bench-campaign.md").toString())));
	}

	private static String report(String name, boolean quick) {
		return (quick ? "quick-" : "") + name + ".md";
	}

	@Override
	public Map<String, Object> run(EvalArguments arguments) throws Exception {
		boolean quick = arguments.options().containsKey("quick");
		boolean qualityOnly = arguments.options().containsKey("quality-only");
		var reports = Path.of(arguments.get("reports", "eval/reports"));
		var data = Path.of(arguments.get("data", "../shared/data"));
		var baselineFile = Path.of(arguments.get("baseline", "eval/baseline.json"));
		Files.createDirectories(reports);
		var work = Files.createTempDirectory("groundwork-eval-all-");
		var mode = quick ? "quick" : "full";
		var started = System.nanoTime();
		var available = new HashSet<String>();
		commands.get().forEach(command -> available.add(command.name()));
		var results = new ArrayList<Summary.StepResult>();
		for (var step : steps()) {
			if (qualityOnly && !step.quality()) {
				continue;
			}
			var skip = skipReason(step, available, data);
			if (skip.isPresent()) {
				log.info("all: {} skipped: {}", step.name(), skip.get());
				results.add(Summary.StepResult.skipped(step.name(), step.quality(), skip.get()));
				continue;
			}
			var args = step.arguments().of(quick, data, reports, work);
			// as the report shows it: the quick subsets live in a temporary folder of this run
			var shown = String.join(" ", args).replace(work.toString(), "<quick subset>");
			var command = commands.get().stream().filter(c -> c.name().equals(args.getFirst())).findFirst().orElseThrow();
			log.info("all: {} ({}) …", step.name(), String.join(" ", args));
			long stepStarted = System.nanoTime();
			try {
				var passThrough = new ArrayList<>(args);
				arguments.springProperties().forEach(property -> passThrough.add("--" + property));
				var result = command.run(EvalArguments.parse(passThrough.toArray(String[]::new)));
				double seconds = (System.nanoTime() - stepStarted) / 1e9;
				log.info("all: {} done in {} s: {}", step.name(), Math.round(seconds), JsonMapper.shared().writeValueAsString(result));
				results.add(Summary.StepResult.ran(step.name(), step.quality(), shown, result, seconds));
			}
			catch (Exception | AssertionError failed) {
				double seconds = (System.nanoTime() - stepStarted) / 1e9;
				log.error("all: {} failed after {} s", step.name(), Math.round(seconds), failed);
				results.add(Summary.StepResult.failed(step.name(), step.quality(), shown, String.valueOf(failed),
						seconds));
			}
		}
		var baseline = Baseline.read(baselineFile, mode);
		var summary = Summary.of(mode, qualityOnly, Instant.now(), (System.nanoTime() - started) / 1e9, results, baseline);
		Files.writeString(reports.resolve("summary.json"),
				JsonMapper.builderWithJackson2Defaults().build().writerWithDefaultPrettyPrinter().writeValueAsString(summary.asMap()) + "\n",
				StandardCharsets.UTF_8);
		Files.writeString(reports.resolve("index.html"), EvalHtmlReport.render(summary), StandardCharsets.UTF_8);
		log.info("all: {} — report in {}", summary.status(), reports.resolve("index.html"));
		return summary.line();
	}

	@Override
	public int exitStatus(Map<String, Object> result) {
		return "passed".equals(result.get("status")) ? 0 : REGRESSED;
	}

	private static Optional<String> skipReason(Step step, java.util.Set<String> available, Path data) {
		var name = step.name();
		if (!available.contains(name)) {
			return Optional.of("this build has no '" + name + "' subcommand yet");
		}
		for (var file : step.data()) {
			if (!Files.isRegularFile(data.resolve(file))) {
				return Optional.of("data missing: " + data.resolve(file));
			}
		}
		return Optional.empty();
	}

	/** The first {@code lines} non-blank lines of a file, written to {@code target}. */
	static Path head(Path source, Path target, int lines) throws IOException {
		try (var stream = Files.lines(source, StandardCharsets.UTF_8)) {
			Files.write(target, stream.filter(line -> !line.isBlank()).limit(lines).toList(), StandardCharsets.UTF_8);
		}
		return target;
	}

	static @Nullable Object at(Map<String, Object> map, String dotted) {
		Object current = map;
		for (var part : dotted.split("\\.")) {
			if (!(current instanceof Map<?, ?> node) || !node.containsKey(part)) {
				return null;
			}
			current = node.get(part);
		}
		return current;
	}

	static Map<String, Object> ordered() {
		return new LinkedHashMap<>();
	}
}
