package com.groundwork.drafting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.groundwork.identity.Tenants;
import com.groundwork.knowledge.KnowledgeIngestion;
import com.groundwork.search.PassageSearch;
import com.jayway.jsonpath.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The evidence plan of real drafts (Lucene, the ONNX embedder, the offline drafter and the guardrails; documents of
 * the sample corpus in the globex tenant): the slot each passage fills and why, in the lead's language, and what
 * happens when the knowledge or the lead lacks something.
 */
@SpringBootTest(properties = "groundwork.drafting.cache.max-entries=1")
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvidencePlanTests {

	static final List<String> DOCUMENTS = List.of("case-studies/brightwater-freight.md",
			"case-studies/kessler-kuehllogistik.md", "case-studies/kessler-kuehllogistik-de.md",
			"case-studies/halvard-components.md", "products/orderflow.md", "products/dockpilot.md",
			"products/dockpilot-produktueberblick.md", "products/stocksense.md", "products/platform-overview.md",
			"security/security-compliance-faq.md", "sales/sales-objection-handling.md", "pricing/pricing-and-packaging.md");

	@Autowired
	MockMvc mvc;

	@BeforeAll
	void knowledge(@Autowired KnowledgeIngestion ingestion, @Autowired PassageSearch search, @Autowired Tenants tenants) {
		DraftingFixtures.ingest(ingestion, search, DraftingFixtures.tenant(tenants, "globex"), DOCUMENTS);
	}

	@Test
	void anIntroTellsTheOwnIndustryResultItsProductAndAProofPointForWhatTheNotesAskedAbout() throws Exception {
		var draft = draft("globex", "PLAN-NA", lead("PLAN-NA", "en", "logistics", "NA", "Asked about SOC 2 at the webinar"),
				"intro");
		assertThat(read(draft, "$.status")).isEqualTo("GENERATED");
		assertThat(read(draft, "$.language")).isEqualTo("en");
		List<Map<String, Object>> plan = JsonPath.read(draft, "$.plan");
		assertThat(plan).extracting(slot -> slot.get("slot")).containsExactly("customer-result", "capability", "proof-point");
		assertThat(plan.get(0).get("reason")).asString().startsWith("own-industry case-study");
		assertThat(plan.get(0).get("documentTitle")).asString().startsWith("Brightwater Freight");
		assertThat(plan.get(1).get("reason")).isEqualTo("product of that case-study (orderflow)");
		assertThat(plan.get(1).get("documentTitle")).asString().contains("OrderFlow");
		assertThat(plan.get(2).get("reason")).asString().startsWith("matches 'SOC 2' in the CRM notes");

		List<String> cited = JsonPath.read(draft, "$.citations[*].passages[*].documentTitle");
		assertThat(cited).anyMatch(title -> title.startsWith("Brightwater Freight"))
			.anyMatch(title -> title.contains("OrderFlow"))
			.noneMatch(title -> title.contains("Objection"))
			.noneMatch(title -> title.contains("Pricing"));
		String body = read(draft, "$.body");
		assertThat(body).startsWith("Hi Dana,").doesNotContain("founded in 2014").doesNotContain("SOC 2 at the webinar");
		assertThat(body.split("\\s+").length).isBetween(50, 125);
		assertThat(read(draft, "$.subject")).hasSizeLessThanOrEqualTo(60);
		assertThat(read(draft, "$.callToAction")).endsWith("?");
		assertThat(JsonPath.<Integer>read(draft, "$.score.value")).isBetween(0, 100);
	}

	@Test
	void aGermanLeadGetsTheGermanCaseStudyAndAGermanDraft() throws Exception {
		var draft = draft("globex", "PLAN-DE", lead("PLAN-DE", "de", "logistics", "EMEA", ""), "intro");
		assertThat(read(draft, "$.language")).isEqualTo("de");
		assertThat(JsonPath.<String>read(draft, "$.plan[0].documentTitle")).startsWith("Fallstudie Kessler");
		assertThat(JsonPath.<String>read(draft, "$.plan[0].reason")).contains("in the lead's language");
		String body = read(draft, "$.body");
		assertThat(body).startsWith("Hallo Dana,").contains("Sie").doesNotContain("Hi ");
		List<String> findings = JsonPath.read(draft, "$.findings[*].ruleId");
		assertThat(findings).doesNotContain("language.fallback");
	}

	@Test
	void aLanguageWithoutPromptsGetsTheDefaultLanguageAndAFindingForTheReviewer() throws Exception {
		var draft = draft("globex", "PLAN-JA", lead("PLAN-JA", "ja", "logistics", "APAC", ""), "case-study");
		assertThat(read(draft, "$.status")).isEqualTo("GENERATED");
		assertThat(read(draft, "$.language")).isEqualTo("en");
		List<String> findings = JsonPath.read(draft, "$.findings[*].ruleId");
		assertThat(findings).contains("language.fallback");
	}

	@Test
	void aLeadWithoutIndustryGetsACrossIndustryPlanAndAnUncoveredIndustryTheNearestWithItsReason() throws Exception {
		var none = draft("globex", "PLAN-NONE", lead("PLAN-NONE", "en", "", "NA", ""), "intro");
		assertThat(JsonPath.<String>read(none, "$.plan[0].reason")).contains("the lead names no industry");
		var energy = draft("globex", "PLAN-ENERGY", lead("PLAN-ENERGY", "en", "energy", "NA", ""), "intro");
		assertThat(JsonPath.<String>read(energy, "$.plan[0].reason")).startsWith("fallback: no case-study for energy");
		assertThat(read(energy, "$.status")).isEqualTo("GENERATED");
	}

	@Test
	void pricingIsCitedOnlyInAFollowUpThatWasAskedAboutPrices() throws Exception {
		var asked = draft("globex", "PLAN-PRICE", lead("PLAN-PRICE", "en", "logistics", "NA",
				"Asked about pricing for two sites"), "follow-up");
		assertThat(JsonPath.<String>read(asked, "$.plan[0].reason")).startsWith("matches 'pricing' in the CRM notes");
		var intro = draft("globex", "PLAN-PRICE2", lead("PLAN-PRICE2", "en", "logistics", "NA",
				"Asked about pricing for two sites"), "intro");
		List<String> types = JsonPath.read(intro, "$.plan[*].documentType");
		assertThat(types).doesNotContain("pricing");
	}

	@Test
	void noKnowledgeFailsNamingWhatToAddAndProductDocumentsAloneMakeAProductOnlyPlan(
			@Autowired KnowledgeIngestion ingestion, @Autowired PassageSearch search, @Autowired Tenants tenants)
			throws Exception {
		var failed = draft("acme", "PLAN-EMPTY", lead("PLAN-EMPTY", "en", "logistics", "NA", ""), "intro");
		assertThat(read(failed, "$.status")).isEqualTo("FAILED");
		assertThat(read(failed, "$.reason")).contains("add public case studies (type: case-study)");

		DraftingFixtures.ingest(ingestion, search, DraftingFixtures.tenant(tenants, "acme"),
				List.of("products/orderflow.md", "products/dockpilot.md", "products/stocksense.md"));
		var productOnly = draft("acme", "PLAN-EMPTY", lead("PLAN-EMPTY", "en", "logistics", "NA", ""), "intro");
		assertThat(read(productOnly, "$.status")).isEqualTo("GENERATED");
		assertThat(JsonPath.<String>read(productOnly, "$.plan[0].reason"))
			.startsWith("fallback: the knowledge has no public case-study");
		assertThat(JsonPath.<String>read(productOnly, "$.plan[1].documentType")).isEqualTo("product-doc");
	}

	private String draft(String tenant, String externalId, String lead, String angle) throws Exception {
		mvc.perform(put("/api/leads/" + externalId).header("X-API-Key", "demo-" + tenant + "-marketer")
			.contentType(MediaType.APPLICATION_JSON)
			.content(lead)).andExpect(status().is2xxSuccessful());
		var created = mvc.perform(post("/api/drafts").header("X-API-Key", "demo-" + tenant + "-rep")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"leadExternalId\":\"" + externalId + "\",\"angle\":\"" + angle + "\"}"))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return created;
	}

	private static String read(String json, String path) {
		return String.valueOf((Object) JsonPath.read(json, path));
	}

	static String lead(String externalId, String language, String industry, String region, String notes) {
		return """
				{"schemaVersion":1,"externalId":"%s",
				 "contact":{"firstName":"Dana","lastName":"Reyes","email":"%s@northwind.example","title":"VP Operations","country":"US","language":"%s"},
				 "company":{"name":"Northwind Logistics","domain":"northwind.example",%s"employees":1200,"region":"%s"},
				 "crm":{"stage":"MQL"%s},
				 "consent":{"status":"EXPRESS","basis":"webinar-registration","source":"webinar","grantedAt":"2026-10-01"}}
				""".formatted(externalId, externalId.toLowerCase(java.util.Locale.ROOT), language,
				industry.isEmpty() ? "" : "\"industry\":\"" + industry + "\",", region,
				notes.isEmpty() ? "" : ",\"notes\":\"" + notes + "\"");
	}
}
