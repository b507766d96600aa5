package com.groundwork.drafting.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.groundwork.drafting.DraftingFixtures;
import com.groundwork.identity.TenantId;
import com.groundwork.identity.Tenants;
import com.groundwork.knowledge.KnowledgeIngestion;
import com.groundwork.search.PassageSearch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Without the fallback to tier 0, a model failure is a failed draft that says why; the breaker then opens. */
@SpringBootTest(properties = { "groundwork.drafting.fallback-to-offline=false",
		"groundwork.drafting.tiers.small.model=small-test", "groundwork.drafting.tiers.small.max-attempts=1",
		"groundwork.drafting.tiers.small.minimum-calls=2", "groundwork.drafting.tiers.small.open-duration=1h" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DraftModelFailureTests {

	static final WireMockServer MODEL = new WireMockServer(options().dynamicPort());

	static {
		MODEL.start();
	}

	@DynamicPropertySource
	static void tiers(DynamicPropertyRegistry registry) {
		registry.add("groundwork.drafting.tiers.small.base-url", MODEL::baseUrl);
	}

	@Autowired
	DraftPipeline pipeline;

	TenantId acme;

	@BeforeAll
	void knowledge(@Autowired KnowledgeIngestion ingestion, @Autowired PassageSearch search, @Autowired Tenants tenants) {
		acme = DraftingFixtures.tenant(tenants, "acme");
		DraftingFixtures.ingest(ingestion, search, acme, DraftingFixtures.DOCUMENTS.subList(0, 4));
	}

	@AfterAll
	void stop() {
		MODEL.stop();
	}

	@Test
	void failuresAreFailedDraftsWithTheirReasonAndOpenTheCircuit() {
		MODEL.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(503)));
		var first = generate();
		assertThat(first.status()).isEqualTo(Draft.Status.FAILED);
		assertThat(first.failureReason()).contains("Tier 1 (small-test)").contains("503");
		assertThat(first.subject()).isEmpty();
		generate();
		var third = generate();
		assertThat(third.status()).isEqualTo(Draft.Status.FAILED);
		assertThat(third.provenance().attempts().getFirst().outcome()).isEqualTo("circuit-open");
		assertThat(MODEL.getAllServeEvents()).hasSize(2);
	}

	private Draft generate() {
		return pipeline.generate(new GenerationRequest(acme, "acme", "test", "L-1001", Angle.CASE_STUDY, Tone.FORMAL,
				GenerationRequest.Channel.SIDEBAR));
	}
}
