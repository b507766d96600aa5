package com.groundwork.insight.internal.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code eval/run all} without the real subcommands: what is missing is skipped and said so, figures are compared
 * with the baseline in the right direction, a drop beyond the tolerance fails with exit code 3, and the report is
 * written.
 */
class EvalAllTests {

	/** A subcommand that answers a fixed result. */
	record Fixed(String name, Map<String, Object> result) implements EvalCommand {

		@Override
		public String usage() {
			return name;
		}

		@Override
		public Map<String, Object> run(EvalArguments arguments) {
			return result;
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void missingCommandsAndDataAreSkippedAndADropFailsTheGate(@TempDir Path dir) throws Exception {
		var baseline = dir.resolve("baseline.json");
		Files.writeString(baseline, """
				{"quick": {
				  "drafts.pass_rate": {"value": 1.0, "tolerance": 0.0, "better": "higher"},
				  "drafts.groundedness": {"value": 0.95, "tolerance": 0.01, "better": "higher"},
				  "pii.precision": {"value": 0.97, "tolerance": 0.01, "better": "higher"},
				  "injection.false_positive_rate": {"value": 0.01, "tolerance": 0.002, "better": "lower"}}}
				""");
		var reports = dir.resolve("reports");
		List<EvalCommand> commands = List.of(new Fixed("drafts", Map.of("cases", 17, "passed", 16, "groundedness", 0.99)),
				new Fixed("pii", Map.of("precision", 0.975, "recall", 0.5, "by_type", Map.of("EMAIL", Map.of("recall", 1.0)))),
				new Fixed("injection", Map.of("false_positive_rate", 0.005, "detector_recall", 1.0)));
		var all = new EvalAll(() -> commands);
		var result = all.run(EvalArguments.parse(new String[] { "all", "--quick", "--quality-only", "--reports",
				reports.toString(), "--baseline", baseline.toString(), "--data", dir.resolve("no-data").toString() }));

		assertThat(result.get("status")).isEqualTo("regressed");
		assertThat((List<String>) result.get("regressed")).containsExactly("drafts.pass_rate");
		// retrieval and draft-quality: no such command here; injection and pii: their data is missing
		assertThat((List<String>) result.get("skipped")).containsExactly("retrieval", "draft-quality", "injection", "pii");
		assertThat(all.exitStatus(result)).isEqualTo(EvalAll.REGRESSED);
		var summary = Files.readString(reports.resolve("summary.json"));
		assertThat(summary).contains("\"drafts.pass_rate\" : 0.9412", "this build has no 'retrieval' subcommand yet",
				"data missing", "\"verdict\" : \"improved\"", "\"verdict\" : \"not measured\"");
		assertThat(Files.readString(reports.resolve("index.html"))).contains("REGRESSED", "<svg", "drafts.pass_rate",
				"skipped");
	}

	@Test
	void lowerIsBetterFiguresRegressUpwards() {
		var fpr = new Baseline.Expected(0.01, 0.002, false);
		assertThat(fpr.regressed(0.0121)).isTrue();
		assertThat(fpr.regressed(0.012)).isFalse();
		assertThat(fpr.improved(0.005)).isTrue();
		var ndcg = new Baseline.Expected(0.88, 0.005, true);
		assertThat(ndcg.regressed(0.8749)).isTrue();
		assertThat(ndcg.regressed(0.875)).isFalse();
	}

	@Test
	void theQuickRetrievalSetHoldsEveryRelevantDocumentOfItsQueries(@TempDir Path dir) throws Exception {
		var corpus = Files.writeString(dir.resolve("corpus.jsonl"), String.join("\n",
				java.util.stream.IntStream.range(0, 400)
					.mapToObj(i -> "{\"_id\":\"d" + i + "\",\"title\":\"t" + i + "\",\"text\":\"x\"}")
					.toList()));
		var queries = Files.writeString(dir.resolve("queries.jsonl"), String.join("\n",
				java.util.stream.IntStream.range(0, 400).mapToObj(i -> "{\"_id\":\"" + i + "\",\"text\":\"q\"}").toList()));
		var qrels = Files.writeString(dir.resolve("qrels.tsv"), "query-id\tcorpus-id\tscore\n" + String.join("\n",
				java.util.stream.IntStream.range(0, 400).mapToObj(i -> i + "\td" + ((i * 7) % 400) + "\t1").toList()));
		var subset = RetrievalSubset.write(corpus, queries, qrels, dir);
		var chosen = Beir.queries(subset.queries());
		var documents = Beir.corpus(subset.corpus()).stream().map(Beir.Document::id).toList();
		assertThat(chosen).hasSizeBetween(10, 40);
		assertThat(chosen).allSatisfy(query -> assertThat(documents).contains("d" + (Integer.parseInt(query.id()) * 7) % 400));
		assertThat(documents.size()).isGreaterThan(chosen.size()).isLessThan(80);
		// the same choice every time
		assertThat(Beir.queries(RetrievalSubset.write(corpus, queries, qrels, Files.createDirectories(dir.resolve("again")))
			.queries())).isEqualTo(chosen);
	}
}
