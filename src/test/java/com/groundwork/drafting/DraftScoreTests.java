package com.groundwork.drafting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.groundwork.identity.Tenants;
import com.groundwork.knowledge.KnowledgeIngestion;
import com.groundwork.search.PassageSearch;
import com.jayway.jsonpath.JsonPath;
import java.util.List;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A draft's email score, language and evidence plan: computed for every generated draft, returned by the draft API,
 * carried by DraftGenerated, and shown by the sidebar and the review pane (a stored plan and score rendered as is).
 */
@SpringBootTest(properties = "groundwork.drafting.budgets.globex.tokens-per-day=0")
@AutoConfigureMockMvc
@RecordApplicationEvents
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DraftScoreTests {

	static final List<String> RULES = List.of("body-length", "readability", "subject-length", "one-ask",
			"personalization", "evidence-fit", "spam-triggers", "links");

	@Autowired
	MockMvc mvc;

	@Autowired
	ApplicationEvents events;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper mapper;

	@BeforeAll
	void knowledge(@Autowired KnowledgeIngestion ingestion, @Autowired PassageSearch search, @Autowired Tenants tenants) {
		DraftingFixtures.ingest(ingestion, search, DraftingFixtures.tenant(tenants, "acme"), DraftingFixtures.DOCUMENTS);
	}

	private String create(String lead, String angle) throws Exception {
		return mvc.perform(post("/api/drafts").header("X-API-Key", "demo-acme-rep")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"leadExternalId\":\"" + lead + "\",\"angle\":\"" + angle + "\"}"))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	@Test
	void everyGeneratedDraftIsScoredWithAReasonPerRuleAndTheApiReturnsIt() throws Exception {
		var created = create("L-1001", "case-study");
		String id = JsonPath.read(created, "$.id");
		int value = JsonPath.read(created, "$.score.value");
		assertThat(value).isBetween(1, 100);
		assertThat(JsonPath.<List<String>>read(created, "$.score.reasons[*].rule")).containsExactlyElementsOf(RULES);
		assertThat(JsonPath.<List<Integer>>read(created, "$.score.reasons[*].points").stream().mapToInt(i -> i).sum())
			.isEqualTo(value);
		// the offline draft greets Dana and names Northwind Logistics: personalized
		assertThat(JsonPath.<List<Integer>>read(created, "$.score.reasons[?(@.rule == 'personalization')].points"))
			.containsExactly(15);
		assertThat(JsonPath.<String>read(created, "$.language")).isEqualTo("en");
		assertThat(JsonPath.<List<String>>read(created, "$.plan[*].slot")).containsExactly("customer-story");
		assertThat(JsonPath.<List<Integer>>read(created, "$.score.reasons[?(@.rule == 'evidence-fit')].points"))
			.as("the plan's one slot is filled").containsExactly(10);

		mvc.perform(get("/api/drafts/" + id).header("X-API-Key", "demo-acme-reviewer"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.score.value").value(value))
			.andExpect(jsonPath("$.score.reasons.length()").value(RULES.size()))
			.andExpect(jsonPath("$.score.reasons[0].rule").value("body-length"))
			.andExpect(jsonPath("$.score.reasons[0].fix").isString())
			.andExpect(jsonPath("$.language").value("en"));

		// the value travels with DraftGenerated, for insight
		assertThat(events.stream(DraftGenerated.class)
			.filter(event -> event.draftId().toString().equals(id))
			.map(event -> event.figures().emailScore())).containsExactly(value);
	}

	@Test
	void aStoredScoreAndPlanAreShownByTheApiTheSidebarAndTheReviewPane() throws Exception {
		String id = JsonPath.read(create("L-1001", "intro"), "$.id");
		store(UUID.fromString(id), new EmailScore(42, List.of(new EmailScore.Reason("body-length", 10,
				"The body has 140 words; cut 15 (at most 125)"), new EmailScore.Reason("one-ask", 15, ""),
				new EmailScore.Reason("readability", 17, ""))),
				List.of(new EvidenceSlot("customer-result", "a result from the lead's industry", "own-industry case study",
						UUID.randomUUID(), UUID.randomUUID(), "Northwind rollout case study", "case-study"),
						new EvidenceSlot("security", "proof of security", "no passage about SOC 2 in the knowledge", null,
								null, "", "")),
				"de");

		mvc.perform(get("/api/drafts/" + id).header("X-API-Key", "demo-acme-rep"))
			.andExpect(jsonPath("$.score.value").value(42))
			.andExpect(jsonPath("$.score.reasons[0].fix").value(containsString("cut 15")))
			.andExpect(jsonPath("$.language").value("de"))
			.andExpect(jsonPath("$.plan[0].slot").value("customer-result"))
			.andExpect(jsonPath("$.plan[0].documentTitle").value("Northwind rollout case study"))
			.andExpect(jsonPath("$.plan[1].passageId").doesNotExist())
			.andExpect(jsonPath("$.plan[1].reason").value("no passage about SOC 2 in the knowledge"));

		// the sidebar shows the stored draft when it is sent to review
		mvc.perform(post("/sidebar/drafts/" + id + "/submit").header("X-API-Key", "demo-acme-rep")
			.header("HX-Request", "true"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("data-testid=\"email-score\" data-score=\"42\"")))
			.andExpect(content().string(containsString("The body has 140 words; cut 15 (at most 125)")))
			.andExpect(content().string(Matchers.matchesPattern("(?s).*data-testid=\"draft-language\"[^>]*>de<.*")))
			.andExpect(content().string(containsString("Why these passages")))
			.andExpect(content().string(containsString("Northwind rollout case study")))
			.andExpect(content().string(containsString("no passage about SOC 2 in the knowledge")));

		mvc.perform(get("/review/" + id).header("X-API-Key", "demo-acme-reviewer"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("data-testid=\"email-score\" data-score=\"42\"")))
			.andExpect(content().string(containsString("cut 15 (at most 125)")))
			.andExpect(content().string(Matchers.matchesPattern("(?s).*data-testid=\"draft-language\"[^>]*>de<.*")))
			.andExpect(content().string(containsString("data-testid=\"plan-slot\" data-slot=\"security\"")))
			.andExpect(content().string(containsString("Northwind rollout case study")));
	}

	/** Overwrites the stored draft's score, plan and language, as the evidence planner will store them. */
	private void store(UUID id, EmailScore score, List<EvidenceSlot> plan, String language) {
		var row = jdbc.sql("SELECT content, provenance FROM draft WHERE id = ?").param(id)
			.query((rs, n) -> new String[] { rs.getString(1), rs.getString(2) })
			.single();
		var content = (ObjectNode) mapper.readTree(row[0]);
		content.set("score", mapper.valueToTree(score));
		var provenance = (ObjectNode) mapper.readTree(row[1]);
		provenance.set("plan", mapper.valueToTree(plan));
		provenance.put("language", language);
		jdbc.sql("UPDATE draft SET content = ?, provenance = ? WHERE id = ?")
			.params(mapper.writeValueAsString(content), mapper.writeValueAsString(provenance), id)
			.update();
	}
}
