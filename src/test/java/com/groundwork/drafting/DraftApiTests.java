package com.groundwork.drafting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.groundwork.identity.Tenants;
import com.groundwork.knowledge.KnowledgeIngestion;
import com.groundwork.search.PassageSearch;
import com.jayway.jsonpath.JsonPath;
import java.util.List;
import java.util.Map;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;

/** {@code POST /api/drafts} and {@code GET /api/drafts/{id}} with the offline drafter over a few sample documents. */
@SpringBootTest(properties = "groundwork.drafting.budgets.globex.tokens-per-day=0")
@AutoConfigureMockMvc
@RecordApplicationEvents
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DraftApiTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ApplicationEvents events;

	@BeforeAll
	void knowledge(@Autowired KnowledgeIngestion ingestion, @Autowired PassageSearch search, @Autowired Tenants tenants) {
		DraftingFixtures.ingest(ingestion, search, DraftingFixtures.tenant(tenants, "acme"), DraftingFixtures.DOCUMENTS);
	}

	@Test
	void aRepGetsACitedDraftForAStoredLead() throws Exception {
		var created = mvc.perform(post("/api/drafts").header("X-API-Key", "demo-acme-rep")
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"leadExternalId":"L-1001","angle":"case-study"}"""))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", Matchers.startsWith("/api/drafts/")))
			.andExpect(jsonPath("$.status").value("GENERATED"))
			.andExpect(jsonPath("$.subject").isNotEmpty())
			.andExpect(jsonPath("$.body").value(Matchers.startsWith("Hi Dana,")))
			.andExpect(jsonPath("$.citations").isNotEmpty())
			.andExpect(jsonPath("$.citations[0].passages[0].documentTitle").isNotEmpty())
			.andExpect(jsonPath("$.citations[0].passages[0].snippet").isNotEmpty())
			.andExpect(jsonPath("$.leadScore.score").isNumber())
			.andExpect(jsonPath("$.leadScore.reasons").isNotEmpty())
			.andExpect(jsonPath("$.verdict").value("PASSED"))
			.andExpect(jsonPath("$.links.self").isNotEmpty())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String id = JsonPath.read(created, "$.id");

		// Offline drafts quote their passages: each cited sentence is in the excerpt of what it cites, apart from the
		// frame that names the customer ("At Brightwater Freight, median …" quotes "Median …").
		List<Map<String, Object>> citations = JsonPath.read(created, "$.citations");
		for (var citation : citations) {
			@SuppressWarnings("unchecked")
			var passages = (List<Map<String, Object>>) citation.get("passages");
			var text = String.valueOf(citation.get("text"));
			assertThat(String.valueOf(passages.getFirst().get("snippet"))).contains(text.substring(Math.max(0, text.length() - 30)));
		}

		mvc.perform(get("/api/drafts/" + id).header("X-API-Key", "demo-acme-reviewer"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.provenance.prompt").value("outreach-case-study@2"))
			.andExpect(jsonPath("$.provenance.variant").value("stable"))
			.andExpect(jsonPath("$.provenance.model").value("offline-drafter"))
			.andExpect(jsonPath("$.provenance.tier").value(0))
			.andExpect(jsonPath("$.provenance.passages[0]").value(Matchers.matchesPattern("[0-9a-f-]{36}@[0-9a-f]{64}")))
			.andExpect(jsonPath("$.provenance.featureSnapshot").value(Matchers.matchesPattern("[0-9a-f-]{36}@[0-9a-f]{64}")))
			.andExpect(jsonPath("$.provenance.promptTokens").value(0))
			.andExpect(jsonPath("$.provenance.latencyMillis").isNumber());

		assertThat(events.stream(DraftGenerated.class)).anySatisfy(event -> {
			assertThat(event.draftId().toString()).isEqualTo(id);
			assertThat(event.prompt()).isEqualTo("outreach-case-study@2");
			assertThat(event.tier()).isZero();
		});
	}

	@Test
	void aLeadGivenInTheContractIsStoredAndDrafted() throws Exception {
		mvc.perform(post("/api/drafts").header("X-API-Key", "demo-acme-rep")
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"angle":"intro","tone":"formal","lead":{"schemaVersion":2,"externalId":"L-NEW-1",
					 "contact":{"firstName":"Ana","lastName":"Silva","email":"ana@coldchain.example","title":"COO","country":"US","language":"en"},
					 "company":{"name":"Coldchain Movers","industry":"logistics","employees":800,"salesRegion":"NA"},
					 "consent":{"status":"IMPLIED","basis":"webinar-registration","source":"webinar","grantedAt":"2026-01-10"}}}"""))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.status").value("GENERATED"))
			.andExpect(jsonPath("$.body").value(Matchers.startsWith("Dear Ana,")))
			.andExpect(jsonPath("$.body").value(Matchers.not(Matchers.containsString("Silva"))))
			.andExpect(jsonPath("$.body").value(Matchers.not(Matchers.containsString("ana@coldchain.example"))));
		mvc.perform(get("/api/leads/L-NEW-1").header("X-API-Key", "demo-acme-rep")).andExpect(status().isOk());
	}

	@Test
	void anUnknownAngleNamesTheAllowedOnes() throws Exception {
		mvc.perform(post("/api/drafts").header("X-API-Key", "demo-acme-rep")
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"leadExternalId":"L-1001","angle":"cold-call"}"""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(Matchers.containsString(
					"intro, follow-up, case-study, event-invite, re-engagement")))
			.andExpect(jsonPath("$.errors[0].field").value("angle"));
	}

	@Test
	void anUnknownLeadIsNotFound() throws Exception {
		mvc.perform(post("/api/drafts").header("X-API-Key", "demo-acme-rep")
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"leadExternalId":"L-9999","angle":"intro"}"""))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.title").value("Lead not found"));
	}

	@Test
	void readersMayNotCreateDrafts() throws Exception {
		mvc.perform(post("/api/drafts").header("X-API-Key", "demo-acme-reviewer")
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"leadExternalId":"L-1001","angle":"intro"}"""))
			.andExpect(status().isForbidden());
	}

	@Test
	void anExhaustedBudgetIsA429NamingIt() throws Exception {
		mvc.perform(post("/api/drafts").header("X-API-Key", "demo-globex-rep")
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"leadExternalId":"L-2001","angle":"intro"}"""))
			.andExpect(status().isTooManyRequests())
			.andExpect(header().exists("Retry-After"))
			.andExpect(jsonPath("$.budget").value("tokens-per-day"))
			.andExpect(jsonPath("$.detail").value(Matchers.containsString("tokens-per-day")));
	}

	@Test
	void anUnknownToneNamesTheAllowedOnes() throws Exception {
		mvc.perform(post("/api/drafts").header("X-API-Key", "demo-acme-rep")
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"leadExternalId":"L-1001","angle":"intro","tone":"shouty"}"""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("tone"));
	}
}
