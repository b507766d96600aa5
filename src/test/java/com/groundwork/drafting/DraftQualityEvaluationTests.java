package com.groundwork.drafting;

import static org.assertj.core.api.Assertions.assertThat;

import com.groundwork.identity.Tenants;
import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * {@code eval/run draft-quality} on a small knowledge folder and three leads: its fixed keys, and judgments that follow
 * from the documents each draft cites.
 */
@SpringBootTest(properties = "groundwork.drafting.cache.max-entries=2")
class DraftQualityEvaluationTests {

	static final List<String> KEYS = List.of("drafts", "generated", "industry_case_study_rate",
			"off_industry_case_study_rate", "intro_case_plus_capability_rate", "boilerplate_rate", "internal_cited",
			"pricing_cited_outside_follow_up", "language_match_rate", "words_in_50_125", "score_p50");

	@Test
	void printsItsFixedKeysAndJudgesEachDraftByWhatItCites(@TempDir Path dir, @Autowired DraftEvaluation evaluation,
			@Autowired Tenants tenants) throws IOException {
		var knowledge = Files.createDirectories(dir.resolve("knowledge"));
		for (var document : List.of("case-studies/brightwater-freight.md", "case-studies/kessler-kuehllogistik-de.md",
				"products/orderflow.md", "products/dockpilot-produktueberblick.md", "products/platform-overview.md",
				"sales/sales-objection-handling.md", "pricing/pricing-and-packaging.md")) {
			var target = knowledge.resolve(document);
			Files.createDirectories(target.getParent());
			Files.copy(Path.of("knowledge", document), target);
		}
		Files.writeString(knowledge.resolve("README.md"), "not a document");
		var leads = dir.resolve("leads.jsonl");
		Files.writeString(leads, String.join("\n", line("DQT-EN", "en", "logistics", "intro"),
				line("DQT-DE", "de", "logistics", "intro"), line("DQT-ENERGY", "en", "energy", "case-study")) + "\n");
		var report = dir.resolve("report.md");

		var json = evaluation.draftQuality(DraftingFixtures.tenant(tenants, "acme"), knowledge, leads, report, System.err);

		Map<String, Object> result = JsonPath.read(json, "$");
		assertThat(result.keySet()).containsExactlyElementsOf(KEYS);
		assertThat(result).containsEntry("drafts", 3).containsEntry("generated", 3);
		// the two logistics leads have a logistics case study; energy has none and is not counted
		assertThat(((Number) result.get("industry_case_study_rate")).doubleValue()).isEqualTo(1.0);
		assertThat(((Number) result.get("off_industry_case_study_rate")).doubleValue()).isEqualTo(0.0);
		assertThat(((Number) result.get("intro_case_plus_capability_rate")).doubleValue()).isEqualTo(1.0);
		assertThat(result).containsEntry("internal_cited", 0).containsEntry("pricing_cited_outside_follow_up", 0);
		assertThat(((Number) result.get("language_match_rate")).doubleValue()).isEqualTo(1.0);
		assertThat(Files.readString(report)).contains("| DQT-DE | intro | logistics | de | de | GENERATED |")
			.contains("### DQT-ENERGY").contains("fallback: no case-study for energy");
	}

	private static String line(String id, String language, String industry, String angle) {
		return """
				{"lead":{"schemaVersion":1,"externalId":"%s","contact":{"firstName":"Dana","lastName":"Reyes","email":"%s@northwind.example","title":"VP Operations","country":"US","language":"%s"},"company":{"name":"Northwind Logistics","domain":"northwind.example","industry":"%s","employees":1200,"region":"NA"},"crm":{"stage":"MQL"},"consent":{"status":"EXPRESS","basis":"webinar-registration","source":"webinar","grantedAt":"2026-10-01"}},"angle":"%s"}"""
			.formatted(id, id.toLowerCase(java.util.Locale.ROOT), language, industry, angle).strip();
	}
}
