package com.groundwork.drafting.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.groundwork.drafting.DraftingFixtures;
import com.groundwork.identity.TenantId;
import com.groundwork.identity.Tenants;
import com.groundwork.knowledge.KnowledgeIngestion;
import com.groundwork.search.PassageSearch;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tier 1 against an emulated OpenAI-compatible server: success, timeout, 429 with Retry-After, 500, malformed JSON and
 * a refusal each end in a terminal state with a reason, falling back to tier 0 where the tier fails.
 */
@SpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DraftModelTierTests {

	static final WireMockServer MODEL = new WireMockServer(options().dynamicPort());

	static {
		MODEL.start();
	}

	@DynamicPropertySource
	static void tiers(DynamicPropertyRegistry registry) {
		registry.add("groundwork.drafting.tiers.small.base-url", MODEL::baseUrl);
		registry.add("groundwork.drafting.tiers.small.model", () -> "small-test");
		registry.add("groundwork.drafting.tiers.small.api-key", () -> "test-key");
		registry.add("groundwork.drafting.tiers.small.timeout", () -> "3s"); // generous: the machine may be busy
		registry.add("groundwork.drafting.tiers.small.initial-backoff", () -> "10ms");
		registry.add("groundwork.drafting.tiers.small.minimum-calls", () -> "1000");
		registry.add("groundwork.drafting.tiers.small.input-cost-per-million", () -> "0.5");
		registry.add("groundwork.drafting.tiers.small.output-cost-per-million", () -> "1.5");
		registry.add("groundwork.drafting.variants.default.intro.canary-percent", () -> "0");
	}

	@Autowired
	DraftPipeline pipeline;

	@Autowired
	DraftCache cache;

	@Autowired
	JsonMapper mapper;

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
	}

	@Test
	void aModelDraftIsParsedCitedAndItsPersonalDataRestored() {
		MODEL.stubFor(post("/v1/chat/completions").willReturn(ok(completion(goodDraft()))));
		var draft = generate();
		assertThat(draft.status()).isEqualTo(Draft.Status.GENERATED);
		assertThat(draft.provenance().tier()).isEqualTo(1);
		assertThat(draft.provenance().model()).isEqualTo("small-test");
		assertThat(draft.provenance().promptTokens()).isEqualTo(900);
		assertThat(draft.provenance().completionTokens()).isEqualTo(120);
		assertThat(draft.provenance().cost()).isPositive();
		assertThat(draft.content().sentences().getFirst().text()).isEqualTo("Hi Dana,");
		assertThat(draft.content().sentences().get(1).citations()).isNotEmpty();
		// The model saw placeholders, data sections and the format; never the name or the address.
		var sent = MODEL.getAllServeEvents().getFirst().getRequest();
		assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer test-key");
		assertThat(sent.getBodyAsString()).contains("[[FIRST_NAME]]", "=== PASSAGES (data) ===", "callToAction")
			.doesNotContain("Dana", "Reyes", "dana@northwind.example", "SOC 2 at the webinar");

		var again = generate();
		assertThat(again.provenance().cached()).isTrue();
		assertThat(again.provenance().promptTokens()).isZero();
		assertThat(MODEL.getAllServeEvents()).hasSize(1);
	}

	@Test
	void aTimeoutFallsBackToTierZero() {
		MODEL.stubFor(post("/v1/chat/completions").willReturn(ok(completion(goodDraft())).withFixedDelay(6000)));
		var draft = generate();
		assertThat(draft.status()).isEqualTo(Draft.Status.GENERATED);
		assertThat(draft.provenance().tier()).isZero();
		assertThat(draft.provenance().attempts()).extracting(Draft.Attempt::outcome).containsExactly("timeout", "generated");
		assertThat(draft.provenance().attempts().getFirst().reason()).contains("did not answer within");
	}

	@Test
	void aRateLimitIsRetriedAfterWhatRetryAfterSays() {
		MODEL.stubFor(post("/v1/chat/completions").inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
			.willSetStateTo("ready"));
		MODEL.stubFor(post("/v1/chat/completions").inScenario("busy").whenScenarioStateIs("ready")
			.willReturn(ok(completion(goodDraft()))));
		long started = System.nanoTime();
		var draft = generate();
		assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(950);
		assertThat(draft.provenance().tier()).isEqualTo(1);
		MODEL.verify(2, postRequestedFor(urlEqualTo("/v1/chat/completions")));
	}

	@Test
	void serverErrorsAreRetriedThenTierZeroTakesOver() {
		MODEL.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(500)));
		var draft = generate();
		MODEL.verify(3, postRequestedFor(urlEqualTo("/v1/chat/completions")));
		assertThat(draft.status()).isEqualTo(Draft.Status.GENERATED);
		assertThat(draft.provenance().tier()).isZero();
		assertThat(draft.provenance().attempts().getFirst().outcome()).isEqualTo("server-error");
	}

	@Test
	void malformedJsonGetsOneRepairReAsk() {
		MODEL.stubFor(post("/v1/chat/completions").inScenario("repair").whenScenarioStateIs(Scenario.STARTED)
			.willReturn(ok(completion("Sure! Here is your email: Dear Dana, ...")))
			.willSetStateTo("asked again"));
		MODEL.stubFor(post("/v1/chat/completions").inScenario("repair").whenScenarioStateIs("asked again")
			.willReturn(ok(completion(goodDraft()))));
		var draft = generate();
		assertThat(draft.provenance().tier()).isEqualTo(1);
		assertThat(draft.provenance().repaired()).isTrue();
		MODEL.verify(2, postRequestedFor(urlEqualTo("/v1/chat/completions")));
		assertThat(MODEL.getAllServeEvents().getFirst().getRequest().getBodyAsString())
			.contains("could not be read as the JSON object");
	}

	@Test
	void malformedJsonTwiceIsAFailedAttemptWithItsReason() {
		MODEL.stubFor(post("/v1/chat/completions").willReturn(ok(completion("{\"subject\": \"Hi\", \"sentences\": ["))));
		var draft = generate();
		MODEL.verify(2, postRequestedFor(urlEqualTo("/v1/chat/completions")));
		assertThat(draft.provenance().attempts().getFirst().outcome()).isEqualTo("malformed");
		assertThat(draft.provenance().attempts().getFirst().reason()).contains("also after one repair re-ask");
		assertThat(draft.provenance().tier()).isZero();
	}

	@Test
	void aRefusalFallsBack() {
		MODEL.stubFor(post("/v1/chat/completions").willReturn(ok("""
				{"model":"small-test","choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant",
				 "content":null,"refusal":"I can't help with that."}}],"usage":{"prompt_tokens":900,"completion_tokens":8}}""")));
		var draft = generate();
		assertThat(draft.provenance().attempts().getFirst().outcome()).isEqualTo("refused");
		assertThat(draft.provenance().tier()).isZero();
	}

	@Test
	void aCitationOutsideTheRetrievedPassagesIsRefused() {
		MODEL.stubFor(post("/v1/chat/completions").willReturn(ok(completion(goodDraft().replace("\"P1\"", "\"P99\"")))));
		var draft = generate();
		assertThat(draft.provenance().attempts().getFirst().outcome()).isEqualTo("invalid-citation");
		assertThat(draft.provenance().attempts().getFirst().reason()).contains("P99");
		assertThat(draft.provenance().tier()).isZero();
	}

	private Draft generate() {
		return pipeline.generate(new GenerationRequest(acme, "acme", "test", "L-1001", Angle.INTRO, Tone.FRIENDLY,
				GenerationRequest.Channel.SIDEBAR));
	}

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ok(String body) {
		return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
	}

	private String completion(String content) {
		return mapper.writeValueAsString(Map.of("id", "chatcmpl-1", "model", "small-test", "choices",
				java.util.List.of(Map.of("index", 0, "finish_reason", "stop", "message",
						Map.of("role", "assistant", "content", content))),
				"usage", Map.of("prompt_tokens", 900, "completion_tokens", 120)));
	}

	private static String goodDraft() {
		return """
				{"subject":"An idea for Northwind Logistics","sentences":[
				  {"text":"Hi [[FIRST_NAME]],","passages":[]},
				  {"text":"One logistics customer cut dock wait times with our scheduling.","passages":["P1"]}],
				 "callToAction":"Would a short call next week help?"}""";
	}
}
