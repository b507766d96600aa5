package com.groundwork.drafting;

import static org.assertj.core.api.Assertions.assertThat;

import com.groundwork.identity.Tenants;
import com.jayway.jsonpath.JsonPath;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The golden cases of {@code eval/cases} through the whole pipeline with the offline drafter (what
 * {@code eval/run drafts} prints), and, when asked for with {@code -Dgroundwork.bench=true}, the sidebar overhead
 * benchmark ({@code eval/run bench-draft}).
 */
@SpringBootTest
class DraftEvaluationTests {

	@Autowired
	DraftEvaluation evaluation;

	@Autowired
	Tenants tenants;

	@Test
	void everyGoldenCasePassesAndEveryFactualSentenceIsGrounded() {
		var line = evaluation.goldenCases(DraftingFixtures.tenant(tenants, "acme"), Path.of("eval", "cases"),
				Path.of("knowledge"), System.err);
		System.out.println(line);
		int cases = JsonPath.read(line, "$.cases");
		assertThat(cases).isGreaterThanOrEqualTo(15);
		assertThat((int) JsonPath.read(line, "$.passed")).as(line).isEqualTo(cases);
		assertThat(((Number) JsonPath.read(line, "$.groundedness")).doubleValue()).as(line).isEqualTo(1.0);
	}

	@Test
	void sidebarOverheadBenchmark() {
		Assumptions.assumeTrue(Boolean.getBoolean("groundwork.bench"), "run with -Dgroundwork.bench=true");
		var tenant = DraftingFixtures.tenant(tenants, "acme");
		evaluation.goldenCases(tenant, Path.of("eval", "cases"), Path.of("knowledge"), System.err); // the corpus
		var line = evaluation.benchSidebarDrafts(tenant, Integer.getInteger("groundwork.bench.drafts", 300), System.err);
		System.out.println(line);
	}
}
