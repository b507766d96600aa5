package com.groundwork.drafting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.groundwork.identity.Tenants;
import com.groundwork.knowledge.KnowledgeIngestion;
import com.groundwork.search.PassageSearch;
import com.jayway.jsonpath.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.event.EventListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A shadow prompt version end to end: the rep gets the stable version's draft at once, the shadow version runs in
 * the background and is stored beside it for comparison, and nothing ever shows it or announces it.
 */
@SpringBootTest(properties = { "groundwork.drafting.variants.acme.intro.stable=1",
		"groundwork.drafting.variants.acme.intro.shadow=2" })
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DraftShadowTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@BeforeAll
	void knowledge(@Autowired KnowledgeIngestion ingestion, @Autowired PassageSearch search, @Autowired Tenants tenants) {
		DraftingFixtures.ingest(ingestion, search, DraftingFixtures.tenant(tenants, "acme"), DraftingFixtures.DOCUMENTS);
	}

	@Test
	void theShadowVersionIsStoredBesideTheDraftAndNeverShown() throws Exception {
		var created = mvc.perform(post("/api/drafts").header("X-API-Key", "demo-acme-rep")
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"leadExternalId":"L-1001","angle":"intro"}"""))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.status").value("GENERATED"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		var id = UUID.fromString(JsonPath.read(created, "$.id"));

		var shadows = await().atMost(Duration.ofSeconds(30))
			.until(() -> jdbc.sql("SELECT id, prompt_ref, status, provenance FROM draft WHERE shadow_of = ?")
				.param(id)
				.query()
				.listOfRows(), rows -> !rows.isEmpty());
		assertThat(shadows).hasSize(1);
		Map<String, Object> shadow = shadows.getFirst();
		assertThat(shadow.get("PROMPT_REF") != null ? shadow.get("PROMPT_REF") : shadow.get("prompt_ref"))
			.isEqualTo("outreach-intro@2");
		var shadowId = String.valueOf(shadow.get("ID") != null ? shadow.get("ID") : shadow.get("id"));
		assertThat(String.valueOf(shadow.get("PROVENANCE") != null ? shadow.get("PROVENANCE") : shadow.get("provenance")))
			.contains("\"variant\":\"shadow\"");

		mvc.perform(get("/api/drafts/" + id).header("X-API-Key", "demo-acme-rep"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.provenance.prompt").value("outreach-intro@1"))
			.andExpect(jsonPath("$.provenance.variant").value("stable"));
		mvc.perform(get("/api/drafts/" + shadowId).header("X-API-Key", "demo-acme-rep"))
			.andExpect(status().isNotFound());

		assertThat(announced).extracting(DraftGenerated::draftId).contains(id).doesNotContain(UUID.fromString(shadowId));
	}

	/** Every DraftGenerated, from any thread (the shadow runs on a background one). */
	static final List<DraftGenerated> announced = new CopyOnWriteArrayList<>();

	@TestConfiguration
	static class Announcements {

		@EventListener
		void on(DraftGenerated event) {
			announced.add(event);
		}
	}
}
