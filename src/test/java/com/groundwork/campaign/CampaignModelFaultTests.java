package com.groundwork.campaign;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.groundwork.drafting.DraftingFixtures;
import com.groundwork.identity.TenantId;
import com.groundwork.identity.Tenants;
import com.groundwork.knowledge.KnowledgeIngestion;
import com.groundwork.search.PassageSearch;
import com.jayway.jsonpath.JsonPath;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * A campaign whose model (an emulated OpenAI-compatible server) times out, throttles with 429 and Retry-After, fails
 * with 500 and answers malformed JSON, for some leads: every lead still reaches a terminal state with its reason, the
 * throttled lead is drafted after the wait the server asked for, the model's rate limit holds, and the tenant's daily
 * token budget is never exceeded although the campaign drafts several leads at once. A used-up budget makes a campaign wait, not fail.
 */
@SpringBootTest(properties = { "groundwork.drafting.fallback-to-offline=false",
		"groundwork.drafting.routing.campaign=small", "groundwork.drafting.variants.default.intro.canary-percent=0",
		"groundwork.drafting.tiers.small.model=small-test", "groundwork.drafting.tiers.small.timeout=3s",
		"groundwork.drafting.tiers.small.max-attempts=3", "groundwork.drafting.tiers.small.initial-backoff=10ms",
		"groundwork.drafting.tiers.small.max-retry-after=3s", "groundwork.drafting.tiers.small.minimum-calls=1000",
		"groundwork.drafting.tiers.small.requests-per-second=20", "groundwork.drafting.tiers.small.max-wait=30s",
		"groundwork.drafting.budgets.acme.tokens-per-day=2700", "groundwork.drafting.budgets.globex.tokens-per-day=2000",
		"groundwork.campaign.tenants.default.max-concurrent=4", "groundwork.campaign.budget-recheck=1s" })
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CampaignModelFaultTests {

	static final WireMockServer MODEL = new WireMockServer(options().dynamicPort().containerThreads(40));

	static {
		MODEL.start();
	}

	@DynamicPropertySource
	static void tiers(DynamicPropertyRegistry registry) {
		registry.add("groundwork.drafting.tiers.small.base-url", MODEL::baseUrl);
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	TenantId acme;

	TenantId globex;

	@BeforeAll
	void knowledge(@Autowired KnowledgeIngestion ingestion, @Autowired PassageSearch search, @Autowired Tenants tenants) {
		acme = DraftingFixtures.tenant(tenants, "acme");
		globex = DraftingFixtures.tenant(tenants, "globex");
		DraftingFixtures.ingest(ingestion, search, acme, DraftingFixtures.DOCUMENTS.subList(0, 4));
		DraftingFixtures.ingest(ingestion, search, globex, DraftingFixtures.DOCUMENTS.subList(0, 4));
	}

	@AfterAll
	void stop() {
		MODEL.stop();
	}

	@Test
	void everyLeadEndsWithItsReasonAndTheBudgetHolds() throws Exception {
		MODEL.stubFor(post("/v1/chat/completions").atPriority(10).willReturn(ok(completion(goodDraft()))));
		MODEL.stubFor(post("/v1/chat/completions").atPriority(1)
			.withRequestBody(containing("timeout freight"))
			.willReturn(ok(completion(goodDraft())).withFixedDelay(4000)));
		MODEL.stubFor(post("/v1/chat/completions").atPriority(1)
			.withRequestBody(containing("broken freight"))
			.willReturn(aResponse().withStatus(500).withBody("{\"error\":{\"message\":\"upstream exploded\"}}")));
		MODEL.stubFor(post("/v1/chat/completions").atPriority(1)
			.withRequestBody(containing("garbled freight"))
			.willReturn(ok(completion("Sure! Here is your email: Dear friend, buy now."))));
		MODEL.stubFor(post("/v1/chat/completions").atPriority(1)
			.inScenario("throttle")
			.whenScenarioStateIs(STARTED)
			.withRequestBody(containing("throttle freight"))
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
				.withBody("{\"error\":{\"message\":\"rate limited\"}}"))
			.willSetStateTo("served"));
		MODEL.stubFor(post("/v1/chat/completions").atPriority(1)
			.inScenario("throttle")
			.whenScenarioStateIs("served")
			.withRequestBody(containing("throttle freight"))
			.willReturn(ok(completion(goodDraft()))));

		var leads = new ArrayList<String>();
		for (var company : List.of("Timeout", "Broken", "Garbled", "Throttle")) {
			leads.add(lead("F-" + company, company.toLowerCase(java.util.Locale.ROOT) + " freight"));
		}
		for (int i = 1; i <= 8; i++) {
			leads.add(lead("F-Fine-" + i, "fine" + i + " freight"));
		}
		var created = mvc.perform(MockMvcRequestBuilders.post("/api/campaigns").header("X-API-Key", "demo-acme-marketer")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"Faults\",\"angle\":\"intro\",\"leads\":[" + String.join(",", leads) + "]}"))
			.andExpect(status().isCreated())
			.andReturn();
		var id = UUID.fromString(JsonPath.read(created.getResponse().getContentAsString(), "$.id"));
		awaitFinished("demo-acme-marketer", id);

		var items = jdbc.sql("SELECT lead_external_id, state, reason, tokens FROM campaign_item WHERE campaign_id = ?")
			.param(id)
			.query((rs, row) -> Map.entry(rs.getString("lead_external_id"),
					rs.getString("state") + " | " + rs.getString("reason") + " | " + rs.getLong("tokens")))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry<String, String>::getKey, Map.Entry<String, String>::getValue));
		assertThat(items).hasSize(12);
		assertThat(items.get("F-Timeout")).startsWith("FAILED | Tier 1 (small-test)").contains("did not answer within");
		assertThat(items.get("F-Broken")).startsWith("FAILED | Tier 1 (small-test)").contains("500");
		assertThat(items.get("F-Garbled")).startsWith("FAILED | Tier 1 (small-test)").contains("JSON");
		assertThat(items.get("F-Throttle")).startsWith("DRAFTED");
		assertThat(items).allSatisfy((lead, outcome) -> assertThat(outcome).matches("(DRAFTED|FAILED|BLOCKED) \\| .+"));

		// the throttled lead was asked again only after the second Retry-After asked for
		var throttled = MODEL.findAll(postRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(
				"/v1/chat/completions")).withRequestBody(containing("throttle freight")));
		assertThat(throttled).hasSizeGreaterThanOrEqualTo(2);
		assertThat(Duration.between(throttled.get(0).getLoggedDate().toInstant(),
				throttled.get(1).getLoggedDate().toInstant())).isGreaterThanOrEqualTo(Duration.ofMillis(900));
		// retried within the tier's attempts, then failed: three calls each for the timeout and the 500
		assertThat(MODEL.findAll(postRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(
				"/v1/chat/completions")).withRequestBody(containing("broken freight")))).hasSize(3);

		// the model's rate limit (20 requests/s, evenly spaced) held however many drafts ran at once
		var starts = MODEL.getAllServeEvents().stream().map(event -> event.getRequest().getLoggedDate().toInstant())
			.sorted()
			.toList();
		assertThat(Duration.between(starts.getFirst(), starts.getLast()))
			.isGreaterThanOrEqualTo(Duration.ofMillis(50L * (starts.size() - 2)));

		// the budget (2,700 tokens a day, 520 a model draft) held although four drafts could run at once; once less
		// than 5 % was left, the rest were drafted by tier 0, which costs nothing
		long used = jdbc.sql("SELECT SUM(tokens) FROM draft_usage WHERE tenant_id = ? AND usage_day = ?")
			.params(acme.value(), LocalDate.now(ZoneOffset.UTC))
			.query(Long.class)
			.single();
		assertThat(used).isPositive().isLessThanOrEqualTo(2700);
		long byItems = jdbc.sql("SELECT SUM(tokens) FROM campaign_item WHERE campaign_id = ?").param(id).query(Long.class)
			.single();
		assertThat(byItems).isEqualTo(used);

		// exactly one draft per item, under its id
		assertThat(jdbc.sql("""
				SELECT COUNT(*) FROM draft d JOIN campaign_item i ON i.draft_id = d.id WHERE i.campaign_id = ?""")
			.param(id)
			.query(Long.class)
			.single()).isEqualTo(12);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM draft WHERE channel = 'campaign' AND lead_external_id LIKE 'F-%'")
			.query(Long.class)
			.single()).isEqualTo(12);
	}

	@Test
	void aUsedUpBudgetMakesTheCampaignWaitThenGoOn() throws Exception {
		var today = LocalDate.now(ZoneOffset.UTC);
		jdbc.sql("INSERT INTO draft_usage (tenant_id, usage_day, stripe, tokens, cost, drafts) VALUES (?, ?, 0, 2000, 0, 1)")
			.params(globex.value(), today)
			.update();
		MODEL.stubFor(post("/v1/chat/completions").atPriority(10).willReturn(ok(completion(goodDraft()))));
		var created = mvc.perform(MockMvcRequestBuilders.post("/api/campaigns").header("X-API-Key", "demo-globex-marketer")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"Waits\",\"angle\":\"intro\",\"leads\":[" + lead("W-1", "Wait1 Freight") + ","
					+ lead("W-2", "Wait2 Freight") + "]}"))
			.andExpect(status().isCreated())
			.andReturn();
		var id = UUID.fromString(JsonPath.read(created.getResponse().getContentAsString(), "$.id"));
		// the runner reaches the budget on its own schedule: wait for it to say so, however slow the machine
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().untilAsserted(
				() -> assertThat(JsonPath.<String>read(view("demo-globex-marketer", id), "$.waitingFor")).isEqualTo("budget"));
		Thread.sleep(1000); // and it stays waiting: nothing is drafted past the budget
		var stillWaiting = view("demo-globex-marketer", id);
		assertThat(JsonPath.<String>read(stillWaiting, "$.waitingFor")).isEqualTo("budget");
		assertThat(JsonPath.<String>read(stillWaiting, "$.budgetResetsAt")).isNotBlank();
		assertThat(JsonPath.<Integer>read(stillWaiting, "$.counts.PENDING")).isEqualTo(2);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM draft WHERE lead_external_id LIKE 'W-%'").query(Long.class).single())
			.isZero();

		// a new day (or a raised budget): the campaign goes on by itself
		jdbc.sql("DELETE FROM draft_usage WHERE tenant_id = ?").param(globex.value()).update();
		var done = awaitFinished("demo-globex-marketer", id);
		assertThat(JsonPath.<Integer>read(done, "$.counts.DRAFTED")).isEqualTo(2);
	}

	private String view(String key, UUID id) throws Exception {
		return mvc.perform(get("/api/campaigns/" + id).header("X-API-Key", key)).andReturn().getResponse()
			.getContentAsString();
	}

	private String awaitFinished(String key, UUID id) {
		var last = new String[1];
		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300)).until(() -> {
			last[0] = view(key, id);
			return last[0].contains("\"finishedAt\"");
		});
		return last[0];
	}

	/**
	 * A US lead with implied consent whose company name the emulated model recognizes in the prompt (lower case: a
	 * capitalized name after "name:" is taken for a person's and replaced by a placeholder before the prompt leaves).
	 */
	private static String lead(String externalId, String company) {
		return CampaignFixtures.lead(externalId).replaceFirst("\"name\":\"[^\"]*\"", "\"name\":\"" + company + "\"");
	}

	private static ResponseDefinitionBuilder ok(String body) {
		return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
	}

	private static String completion(String content) {
		var escaped = content.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
		return """
				{"id":"chatcmpl-1","model":"small-test","choices":[{"index":0,"finish_reason":"stop",
				 "message":{"role":"assistant","content":"%s"}}],"usage":{"prompt_tokens":400,"completion_tokens":120}}"""
			.formatted(escaped);
	}

	private static String goodDraft() {
		return """
				{"subject":"An idea for your dock schedule","sentences":[
				  {"text":"Hi [[FIRST_NAME]],","passages":[]},
				  {"text":"Teams like yours plan their dock appointments with our scheduling.","passages":["P1"]}],
				 "callToAction":"Would a short call next week help?"}""";
	}
}
