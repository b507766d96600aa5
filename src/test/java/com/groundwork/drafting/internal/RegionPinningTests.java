package com.groundwork.drafting.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.groundwork.drafting.DraftingFixtures;
import com.groundwork.identity.TenantId;
import com.groundwork.identity.Tenants;
import com.groundwork.knowledge.KnowledgeIngestion;
import com.groundwork.lead.FeatureValue;
import com.groundwork.lead.LeadFeatures;
import com.groundwork.search.PassageSearch;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * Region pinning and data minimization against a recording model endpoint that serves the EU only: a US tenant's
 * draft is refused with a problem and nothing reaches the endpoint; once the tenant is in the EU, the request that
 * reaches it holds only features allowed for generation (personal ones as placeholders), none of the others.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegionPinningTests {

	static final WireMockServer MODEL = new WireMockServer(options().dynamicPort());

	static {
		MODEL.start();
	}

	@DynamicPropertySource
	static void tiers(DynamicPropertyRegistry registry) {
		registry.add("groundwork.drafting.tiers.small.base-url", MODEL::baseUrl);
		registry.add("groundwork.drafting.tiers.small.model", () -> "eu-model");
		registry.add("groundwork.drafting.tiers.small.regions", () -> "EU");
		registry.add("groundwork.drafting.tiers.small.timeout", () -> "5s");
		registry.add("groundwork.drafting.variants.default.intro.canary-percent", () -> "0");
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper mapper;

	@Autowired
	DraftCache cache;

	TenantId acme;

	@BeforeAll
	void knowledge(@Autowired KnowledgeIngestion ingestion, @Autowired PassageSearch search, @Autowired Tenants tenants) {
		acme = DraftingFixtures.tenant(tenants, "acme");
		DraftingFixtures.ingest(ingestion, search, acme, DraftingFixtures.DOCUMENTS);
	}

	@AfterAll
	void stop() {
		MODEL.stop();
	}

	@BeforeEach
	void reset() {
		MODEL.resetAll();
		cache.clear();
		MODEL.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody(completion())));
	}

	@Test
	void aTenantOutsideTheEndpointsRegionIsRefusedAndNothingIsSent() throws Exception {
		region("US");
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/drafts")
			.header("X-API-Key", "demo-acme-rep").contentType(MediaType.APPLICATION_JSON)
			.content("{\"leadExternalId\":\"L-1001\",\"angle\":\"intro\"}"))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Data region not allowed"))
			.andExpect(jsonPath("$.region").value("US"))
			.andExpect(jsonPath("$.tier").value("small"));
		assertThat(MODEL.getAllServeEvents()).isEmpty();
	}

	@Test
	void onlyFeaturesAllowedForGenerationLeaveTheService(@Autowired LeadFeatures features) throws Exception {
		region("EU");
		try {
			mvc.perform(put("/api/leads/MIN-1").header("X-API-Key", "demo-acme-marketer")
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"schemaVersion":2,"externalId":"MIN-1",
						 "contact":{"firstName":"Hieronyma","lastName":"Vandersloot","email":"hieronyma@minimal.example",
						            "title":"Director of Logistics","country":"NL","language":"en"},
						 "company":{"name":"Minimal Haulage","domain":"minimal.example","industry":"logistics","employees":4321,"salesRegion":"EMEA"},
						 "crm":{"stage":"SQL","ownerEmail":"owner.person@acme.example","notes":"Confidential: divorce pending, call +31 6 1234 5678",
						        "lastTouchAt":"2026-11-01"},
						 "consent":{"status":"EXPRESS","basis":"demo-request","source":"web-form","grantedAt":"2026-01-05"}}"""))
				.andExpect(status().isCreated());
			var draft = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/drafts")
				.header("X-API-Key", "demo-acme-rep").contentType(MediaType.APPLICATION_JSON)
				.content("{\"leadExternalId\":\"MIN-1\",\"angle\":\"intro\"}"))
				.andExpect(status().isCreated())
				.andReturn().getResponse().getContentAsString();
			assertThat(mapper.readTree(draft).path("provenance").path("tier").asInt()).isEqualTo(1);

			var sent = MODEL.getAllServeEvents().stream().map(event -> event.getRequest().getBodyAsString()).toList();
			assertThat(sent).isNotEmpty();
			var snapshot = features.snapshot(acme, "MIN-1");
			var withheld = snapshot.values().stream().filter(value -> !value.allowedForGeneration()).toList();
			assertThat(withheld).extracting(FeatureValue::name)
				.contains("contact.email", "contact.last-name", "crm.notes", "crm.owner-email", "company.employees");
			for (var body : sent) {
				for (var value : withheld) {
					if (value.value().length() >= 4) {
						assertThat(body).as("%s must not leave the service", value.name()).doesNotContain(value.value());
					}
				}
				assertThat(body).contains("Minimal Haulage", "[[FIRST_NAME]]").doesNotContain("Hieronyma");
			}
		}
		finally {
			region("US");
		}
	}

	private void region(String region) {
		jdbc.sql("UPDATE tenant SET region = ? WHERE id = ?").params(region, acme.value()).update();
	}

	private String completion() {
		var content = """
				{"subject":"An idea for your docks","sentences":[
				  {"text":"Hi [[FIRST_NAME]],","passages":[]},
				  {"text":"One logistics customer cut dock wait times with our scheduling.","passages":["P1"]}],
				 "callToAction":"Would a short call next week help?"}""";
		return mapper.writeValueAsString(Map.of("id", "chatcmpl-1", "model", "eu-model", "choices",
				List.of(Map.of("index", 0, "finish_reason", "stop", "message", Map.of("role", "assistant", "content", content))),
				"usage", Map.of("prompt_tokens", 900, "completion_tokens", 120)));
	}
}
