package com.groundwork.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.groundwork.drafting.DraftingFixtures;
import com.groundwork.identity.Tenants;
import com.groundwork.knowledge.KnowledgeIngestion;
import com.groundwork.search.PassageSearch;
import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Campaigns through their API with the embedded default (H2, offline drafter): JSON and CSV intake with a row-level
 * report, suppression before drafting, one draft per lead, every lead terminal with a reason, idempotency, problems,
 * export and server-sent events, and {@link CampaignCompleted}.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Import(CampaignApiTests.Completions.class)
class CampaignApiTests {

	static final String MARKETER = "demo-acme-marketer";

	@TestConfiguration
	static class Completions {

		final List<CampaignCompleted> events = new CopyOnWriteArrayList<>();

		@EventListener
		void on(CampaignCompleted event) {
			events.add(event);
		}
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Completions completions;

	@BeforeAll
	void knowledge(@Autowired KnowledgeIngestion ingestion, @Autowired PassageSearch search, @Autowired Tenants tenants) {
		DraftingFixtures.ingest(ingestion, search, DraftingFixtures.tenant(tenants, "acme"),
				DraftingFixtures.DOCUMENTS.subList(0, 4));
	}

	@Test
	void aJsonCampaignDraftsEachValidLeadOnceAndReportsTheRest() throws Exception {
		mvc.perform(post("/api/suppressions").header("X-API-Key", MARKETER)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"email\":\"j-3@" + domainOf("J-3") + "\",\"reason\":\"unsubscribed\"}"))
			.andExpect(status().is2xxSuccessful());
		var leads = "[" + CampaignFixtures.lead("J-1") + ","
				+ CampaignFixtures.lead("J-2").replace("\"j-2@", "\"not-an-email").replace(".example\"", "\"") + ","
				+ CampaignFixtures.lead("J-3") + "," + CampaignFixtures.lead("J-1") + "," + CampaignFixtures.lead("J-4")
				+ "," + CampaignFixtures.lead("J-5").replace("\"US\"", "\"DE\"").replace("\"IMPLIED\"", "\"NONE\"")
				+ "]";
		// the leads may come before the name and angle: they are checked once the body has been read
		var body = "{\"leads\":" + leads + ",\"name\":\"Q3 intro\",\"angle\":\"intro\"}";
		var created = create(MediaType.APPLICATION_JSON, body).andExpect(status().isCreated())
			.andExpect(header().string("Location", containsString("/api/campaigns/")))
			.andExpect(jsonPath("$.name").value("Q3 intro"))
			.andExpect(jsonPath("$.importReport.rows").value(6))
			.andExpect(jsonPath("$.importReport.accepted").value(4))
			.andExpect(jsonPath("$.importReport.rejected").value(1))
			.andExpect(jsonPath("$.importReport.duplicates").value(1))
			.andExpect(jsonPath("$.importReport.errors[*].field", hasItem("leads[1].contact.email")))
			.andExpect(jsonPath("$.importReport.errors[*].field", hasItem("leads[3].externalId")))
			.andExpect(jsonPath("$.total").value(4));
		var id = id(created);

		var done = awaitFinished(id);
		assertThat(JsonPath.<String>read(done, "$.status")).isEqualTo("COMPLETED");
		assertThat(JsonPath.<Integer>read(done, "$.counts.DRAFTED")).isEqualTo(2);
		assertThat(JsonPath.<Integer>read(done, "$.counts.SUPPRESSED")).isEqualTo(1);
		// a German lead without consent: drafted, then blocked by the guardrails' compliance check, with the rule
		assertThat(JsonPath.<Integer>read(done, "$.counts.BLOCKED")).isEqualTo(1);
		assertThat(JsonPath.<Integer>read(done, "$.blockedReasons['compliance.consent-required']")).isEqualTo(1);
		assertThat(JsonPath.<Integer>read(done, "$.done")).isEqualTo(4);
		assertThat(JsonPath.<Double>read(done, "$.progress")).isEqualTo(1.0);

		// one stored draft per drafted item, under the item's own draft id; none for the suppressed lead
		var drafts = jdbc.sql("""
				SELECT d.lead_external_id FROM campaign_item i JOIN draft d ON d.id = i.draft_id
				WHERE i.campaign_id = ? ORDER BY d.lead_external_id""").param(id).query(String.class).list();
		assertThat(drafts).containsExactly("J-1", "J-4", "J-5");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM draft WHERE channel = 'campaign' AND lead_external_id = 'J-3'")
			.query(Long.class)
			.single()).isZero();
		var reasons = jdbc.sql("SELECT state, reason FROM campaign_item WHERE campaign_id = ?")
			.param(id)
			.query((rs, row) -> rs.getString("state") + ": " + rs.getString("reason"))
			.list();
		assertThat(reasons).anySatisfy(reason -> assertThat(reason).startsWith("SUPPRESSED: ").contains("do-not-contact"));
		assertThat(reasons).allSatisfy(reason -> assertThat(reason).doesNotContain(": null"));

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(completions.events).anySatisfy(event -> {
				assertThat(event.campaignId()).isEqualTo(id);
				assertThat(event.outcome()).isEqualTo("COMPLETED");
				assertThat(event.counts()).containsEntry("DRAFTED", 2L)
					.containsEntry("SUPPRESSED", 1L)
					.containsEntry("BLOCKED", 1L);
			}));

		var csv = mvc.perform(get("/api/campaigns/" + id + "/export").header("X-API-Key", MARKETER))
			.andExpect(request().asyncStarted())
			.andReturn();
		var exported = mvc.perform(asyncDispatch(csv))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("text/csv"))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		var lines = exported.strip().lines().toList();
		assertThat(lines.getFirst()).startsWith("row,leadExternalId,state,reasonCode,reason,verdict,findings,draftId");
		assertThat(exported).contains("J-3,SUPPRESSED,suppressed")
			.contains("J-4,DRAFTED,drafted")
			.contains("J-5,BLOCKED,compliance.consent-required");
		var json = mvc.perform(get("/api/campaigns/" + id + "/export?format=json").header("X-API-Key", MARKETER))
			.andReturn();
		var items = mvc.perform(asyncDispatch(json)).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(JsonPath.<List<Object>>read(items, "$")).hasSize(4);
		assertThat(JsonPath.<List<String>>read(items, "$[?(@.state == 'BLOCKED')].findings"))
			.singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
			.contains("BLOCK compliance.consent-required");
		assertThat(JsonPath.<List<String>>read(items, "$[?(@.state == 'DRAFTED')].subject"))
			.hasSize(2)
			.allSatisfy(subject -> assertThat(subject).isNotBlank());

		mvc.perform(get("/api/campaigns").header("X-API-Key", "demo-acme-admin"))
			.andExpect(jsonPath("$[*].id", hasItem(id.toString())));
		mvc.perform(get("/api/campaigns/" + id).header("X-API-Key", "demo-globex-marketer"))
			.andExpect(status().isNotFound());
	}

	@Test
	void aCsvCampaignReportsBadRowsByNumberAndDraftsTheGoodOnes() throws Exception {
		var csv = CampaignFixtures.CSV_HEADER + "\n" + CampaignFixtures.csvRow("C-1") + "\n"
				+ CampaignFixtures.csvRow("C-2").replace("c-2@", "c-2-at-") + "\n"
				+ CampaignFixtures.csvRow("C-3").replace(",US,", ",ZZ,") + "\n" + CampaignFixtures.csvRow("C-4") + "\n"
				+ "C-5,too,few,cells\n";
		var created = mvc.perform(multipart("/api/campaigns")
			.file(new MockMultipartFile("file", "leads.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
			.param("name", "CSV follow-up")
			.param("angle", "follow-up")
			.header("X-API-Key", MARKETER))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.importReport.rows").value(5))
			.andExpect(jsonPath("$.importReport.accepted").value(2))
			.andExpect(jsonPath("$.importReport.rejected").value(3))
			.andExpect(jsonPath("$.importReport.errors[?(@.row == 3)].field", hasItem("contact.email")))
			.andExpect(jsonPath("$.importReport.errors[?(@.row == 4)].field", hasItem("contact.country")))
			.andExpect(jsonPath("$.importReport.errors[?(@.row == 6)].field", hasItem("row")));
		var done = awaitFinished(id(created));
		assertThat(JsonPath.<Integer>read(done, "$.counts.DRAFTED")).isEqualTo(2);
		assertThat(JsonPath.<String>read(done, "$.angle")).isEqualTo("follow-up");

		// the same CSV as a text/csv body, described by the query
		mvc.perform(post("/api/campaigns?name=Body%20CSV&angle=case-study").header("X-API-Key", MARKETER)
			.contentType("text/csv")
			.content(CampaignFixtures.CSV_HEADER + "\n" + CampaignFixtures.csvRow("C-6") + "\n"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.importReport.accepted").value(1))
			.andExpect(jsonPath("$.angle").value("case-study"));
	}

	@Test
	void theSameIdempotencyKeyAndBodyAnswerTheSameCampaignAnotherBodyIsRefused() throws Exception {
		var key = UUID.randomUUID().toString();
		var body = CampaignFixtures.json("Idempotent", "intro", List.of("I-1", "I-2"));
		var first = mvc.perform(post("/api/campaigns").header("X-API-Key", MARKETER)
			.header("Idempotency-Key", key)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)).andExpect(status().isCreated());
		var id = id(first);
		mvc.perform(post("/api/campaigns").header("X-API-Key", MARKETER)
			.header("Idempotency-Key", key)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body))
			.andExpect(status().isOk())
			.andExpect(header().string("Idempotent-Replayed", "true"))
			.andExpect(jsonPath("$.id").value(id.toString()));
		mvc.perform(post("/api/campaigns").header("X-API-Key", MARKETER)
			.header("Idempotency-Key", key)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body.replace("I-2", "I-3")))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail", containsString(key)))
			.andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"));
		assertThat(jdbc.sql("SELECT COUNT(*) FROM campaign WHERE idempotency_key = ?").param(key).query(Long.class).single())
			.isEqualTo(1);
		// another tenant's key space is its own
		mvc.perform(post("/api/campaigns").header("X-API-Key", "demo-globex-marketer")
			.header("Idempotency-Key", key)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body.replace("I-", "G-"))).andExpect(status().isCreated());
	}

	@Test
	void badRequestsAreProblemsNamingTheFieldAndCreateNothing() throws Exception {
		long before = jdbc.sql("SELECT COUNT(*) FROM campaign").query(Long.class).single();
		create(MediaType.APPLICATION_JSON, "{\"name\":\"x\",\"leads\":[]}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("angle"))
			.andExpect(jsonPath("$.detail", containsString("case-study")));
		create(MediaType.APPLICATION_JSON, "{\"name\":\"x\",\"angle\":\"poem\",\"leads\":[]}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("angle"));
		create(MediaType.APPLICATION_JSON, "{\"name\":\"x\",\"angle\":\"case-study\",\"promptVariant\":\"canary\",\"leads\":[]}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("promptVariant"));
		create(MediaType.APPLICATION_JSON, "{\"name\":\"x\",\"angle\":\"intro\",\"budget\":3,\"leads\":[]}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("budget"));
		create(MediaType.APPLICATION_JSON, "{\"name\":\"x\",\"angle\":\"intro\"}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("leads"));
		create(MediaType.APPLICATION_JSON, "{\"name\":\"x\",\"angle\":\"intro\",\"leads\":[" + CampaignFixtures.lead("M-1"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("leads"));
		mvc.perform(post("/api/campaigns?name=x&angle=intro").header("X-API-Key", MARKETER)
			.contentType("text/csv")
			.content("externalId,contact.shoeSize\nX-1,44\n"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("contact.shoeSize")));
		create(MediaType.TEXT_PLAIN, "hello").andExpect(status().isUnsupportedMediaType())
			.andExpect(jsonPath("$.detail", containsString("text/csv")));
		mvc.perform(post("/api/campaigns").header("X-API-Key", "demo-acme-rep")
			.contentType(MediaType.APPLICATION_JSON)
			.content(CampaignFixtures.json("rep", "intro", List.of("R-1")))).andExpect(status().isForbidden());
		assertThat(jdbc.sql("SELECT COUNT(*) FROM campaign").query(Long.class).single()).isEqualTo(before);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM campaign_item WHERE lead_external_id = 'M-1'").query(Long.class).single())
			.isZero();
	}

	@Test
	void eventsStreamProgressAndTheCompletion() throws Exception {
		// a whole campaign on the canary prompt (intro v4), whatever bucket its leads fall in
		var body = CampaignFixtures.json("Events", "intro", List.of("E-1", "E-2", "E-3"))
			.replace("\"angle\":\"intro\"", "\"angle\":\"intro\",\"promptVariant\":\"canary\"");
		var id = id(create(MediaType.APPLICATION_JSON, body).andExpect(status().isCreated())
			.andExpect(jsonPath("$.promptVariant").value("canary")));
		awaitFinished(id);
		assertThat(jdbc.sql("SELECT d.prompt_ref FROM campaign_item i JOIN draft d ON d.id = i.draft_id WHERE i.campaign_id = ?")
			.param(id)
			.query(String.class)
			.list()).hasSize(3).containsOnly("outreach-intro@4");
		var started = mvc.perform(get("/api/campaigns/" + id + "/events").header("X-API-Key", MARKETER))
			.andExpect(request().asyncStarted())
			.andReturn();
		var stream = mvc.perform(asyncDispatch(started)).andReturn().getResponse().getContentAsString();
		assertThat(stream).contains("event:progress").contains("event:completed").contains("\"status\":\"COMPLETED\"");
	}

	private ResultActions create(MediaType type, String body) throws Exception {
		return mvc.perform(post("/api/campaigns").header("X-API-Key", MARKETER).contentType(type).content(body));
	}

	private static UUID id(ResultActions created) throws Exception {
		return UUID.fromString(JsonPath.read(created.andReturn().getResponse().getContentAsString(), "$.id"));
	}

	/** The campaign once every item is terminal and it was marked finished. */
	String awaitFinished(UUID id) {
		var last = new String[1];
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
			last[0] = mvc.perform(get("/api/campaigns/" + id).header("X-API-Key", MARKETER))
				.andReturn()
				.getResponse()
				.getContentAsString();
			return JsonPath.<Object>read(last[0], "$").toString().contains("finishedAt");
		});
		return last[0];
	}

	private static String domainOf(String externalId) {
		var lead = CampaignFixtures.lead(externalId);
		var at = lead.indexOf('@');
		return lead.substring(at + 1, lead.indexOf('"', at));
	}

	static Map<String, Object> map(String json) {
		return JsonPath.read(json, "$");
	}
}
