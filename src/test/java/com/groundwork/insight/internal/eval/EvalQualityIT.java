package com.groundwork.insight.internal.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * CI's quality gate: {@code eval/run all --quick --quality-only} in this JVM (retrieval on a fixed SciFact subset, the
 * golden drafts, injection and PII), compared with {@code eval/baseline.json}. A figure below its baseline by more
 * than the tolerance, or a step that fails, fails the build; the report is written to {@code target/eval-reports}.
 * The evaluation data is read from {@code ../shared/data}; a subcommand this build lacks is skipped.
 */
class EvalQualityIT {

	@Test
	@SuppressWarnings("unchecked")
	void qualityHoldsTheBaseline() throws Exception {
		var reports = Path.of("target", "eval-reports");
		var all = new EvalAll(() -> EvalMain.COMMANDS);
		var result = all.run(EvalArguments.parse(new String[] { "all", "--quick", "--quality-only", "--reports",
				reports.toString() }));
		System.err.println("eval/run all --quick --quality-only: " + result);
		assertThat(Files.readString(reports.resolve("index.html"))).contains("<svg", "Quality against the baseline");
		assertThat(reports.resolve("summary.json")).exists();
		// injection is measured as issue 20 defines it: bare attacks, every false-positive source, detector on and off
		var figures = (Map<String, Object>) tools.jackson.databind.json.JsonMapper.shared()
			.readValue(reports.resolve("summary.json").toFile(), Map.class)
			.get("figures");
		assertThat(figures).containsKeys("injection.attack_success_rate_detector_off", "injection.canary_detector_recall",
				"injection.api_crm_notes_recall", "injection.detector_recall_by_place.lead-field",
				"injection.detector_recall_by_kind.code", "injection.false_positive_rate_by_source.email",
				"injection.false_positive_rate_by_source.table", "injection.false_positive_rate_by_source.code",
				"injection.false_positive_rate_by_source.knowledge", "injection.false_positive_rate_by_source.crm-notes");
		assertThat((List<String>) result.get("failed")).as("steps that failed").isEmpty();
		assertThat((List<String>) result.get("regressed")).as("figures below the baseline").isEmpty();
		assertThat(result.get("status")).isEqualTo("passed");
		assertThat(all.exitStatus(result)).isZero();
	}
}
