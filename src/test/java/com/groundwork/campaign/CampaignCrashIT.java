package com.groundwork.campaign;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.groundwork.drafting.DraftingFixtures;
import com.groundwork.identity.Tenants;
import com.groundwork.knowledge.KnowledgeIngestion;
import com.groundwork.search.PassageSearch;
import com.groundwork.support.ForkedApplication;
import com.groundwork.support.PgvectorServer;
import com.jayway.jsonpath.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two instances share one PostgreSQL: this test's application context and a second JVM started from the same
 * classpath. Both draft one campaign against a slow emulated model; the second is killed with SIGKILL while it holds
 * leased items. Its leases expire, the first instance takes the items over (adopting a draft the dead instance had
 * already written instead of writing another), and every lead ends in exactly one terminal state with exactly one
 * draft.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("postgres")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CampaignCrashIT {

	static final int LEADS = 240;

	static final WireMockServer MODEL = new WireMockServer(options().dynamicPort().containerThreads(60));

	static final List<String> SHARED = new ArrayList<>();

	static {
		MODEL.start();
	}

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		var url = PgvectorServer.freshDatabase("campaign_crash");
		SHARED.clear();
		SHARED.addAll(List.of("spring.datasource.url=" + url, "spring.datasource.username=postgres",
				"spring.datasource.password=", "groundwork.demo.enabled=true",
				"groundwork.knowledge.sync-on-start=false",
				"groundwork.drafting.tiers.small.base-url=" + MODEL.baseUrl(),
				"groundwork.drafting.tiers.small.model=slow-test", "groundwork.drafting.tiers.small.timeout=20s",
				"groundwork.drafting.tiers.small.minimum-calls=100000", "groundwork.drafting.routing.campaign=small",
				"groundwork.campaign.max-in-flight=6", "groundwork.campaign.lease=5s",
				"groundwork.campaign.poll-interval=200ms"));
		for (var property : SHARED) {
			var at = property.indexOf('=');
			registry.add(property.substring(0, at), () -> property.substring(at + 1));
		}
	}

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	ForkedApplication second;

	@BeforeAll
	void start(@Autowired KnowledgeIngestion ingestion, @Autowired PassageSearch search, @Autowired Tenants tenants) {
		MODEL.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withFixedDelay(400)
			.withBody("""
					{"id":"chatcmpl-1","model":"slow-test","choices":[{"index":0,"finish_reason":"stop","message":{
					"role":"assistant","content":"{\\"subject\\":\\"An idea for your docks\\",\\"sentences\\":[{\\"text\\":\
					\\"Hi [[FIRST_NAME]],\\",\\"passages\\":[]},{\\"text\\":\\"Teams like yours plan their dock \
					appointments with our scheduling.\\",\\"passages\\":[\\"P1\\"]}],\\"callToAction\\":\\"Worth a call?\\"}"}}],
					"usage":{"prompt_tokens":500,"completion_tokens":100}}""")));
		DraftingFixtures.ingest(ingestion, search, DraftingFixtures.tenant(tenants, "acme"),
				DraftingFixtures.DOCUMENTS.subList(0, 4));
		var properties = new ArrayList<>(SHARED);
		properties.add("spring.profiles.active=postgres");
		second = ForkedApplication.start("campaign-crash-second", List.of("-Xmx768m"), properties, Duration.ofMinutes(4));
	}

	@AfterAll
	void stop() {
		if (second != null) {
			second.close();
		}
		MODEL.stop();
	}

	@Test
	void killingAnInstanceMidCampaignLosesAndDuplicatesNothing() throws Exception {
		var http = HttpClient.newHttpClient();
		var body = CampaignFixtures.json("Crash", "intro", CampaignFixtures.ids("K", LEADS));
		var created = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/campaigns"))
			.header("X-API-Key", "demo-acme-marketer")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		var id = UUID.fromString(JsonPath.read(created.body(), "$.id"));
		var owner = second.pid() + "@%";

		// wait until the second instance holds leases mid-campaign, then kill it without warning
		await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100)).until(() -> heldBy(id, owner) >= 3
				&& done(id) >= LEADS / 5);
		long heldAtKill = heldBy(id, owner);
		long doneAtKill = done(id);
		var killedAt = Instant.now();
		second.kill9();
		assertThat(second.isAlive()).isFalse();

		await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofMillis(500)).until(() -> jdbc
			.sql("SELECT finished_at FROM campaign WHERE id = ?")
			.param(id)
			.query(OffsetDateTime.class)
			.optional()
			.isPresent());

		var states = jdbc.sql("SELECT state, COUNT(*) AS n FROM campaign_item WHERE campaign_id = ? GROUP BY state")
			.param(id)
			.query((rs, row) -> rs.getString("state") + "=" + rs.getLong("n"))
			.list();
		long items = jdbc.sql("SELECT COUNT(*) FROM campaign_item WHERE campaign_id = ?").param(id).query(Long.class).single();
		long terminal = jdbc.sql("""
				SELECT COUNT(*) FROM campaign_item WHERE campaign_id = ? AND state IN ('DRAFTED', 'BLOCKED', 'SUPPRESSED',
				  'FAILED', 'CANCELLED') AND finished_at IS NOT NULL AND reason IS NOT NULL""").param(id).query(Long.class).single();
		long drafts = jdbc.sql("SELECT COUNT(*) FROM draft WHERE channel = 'campaign' AND lead_external_id LIKE 'K-%'")
			.query(Long.class)
			.single();
		var duplicated = jdbc.sql("""
				SELECT lead_external_id FROM draft WHERE channel = 'campaign' AND lead_external_id LIKE 'K-%'
				GROUP BY lead_external_id HAVING COUNT(*) > 1""").query(String.class).list();
		long withTheirDraft = jdbc.sql("""
				SELECT COUNT(*) FROM campaign_item i JOIN draft d ON d.id = i.draft_id AND d.lead_external_id = i.lead_external_id
				WHERE i.campaign_id = ?""").param(id).query(Long.class).single();
		long retaken = jdbc.sql("SELECT COUNT(*) FROM campaign_item WHERE campaign_id = ? AND attempts > 1")
			.param(id)
			.query(Long.class)
			.single();
		long adopted = jdbc.sql("""
				SELECT COUNT(*) FROM campaign_item i JOIN draft d ON d.id = i.draft_id
				WHERE i.campaign_id = ? AND i.attempts > 1 AND d.created_at < ?""")
			.params(id, killedAt.atOffset(java.time.ZoneOffset.UTC))
			.query(Long.class)
			.single();
		System.out.printf("KILL9 leads=%d items=%d doneAtKill=%d heldBySecondAtKill=%d terminal=%d drafts=%d "
				+ "duplicates=%d retaken=%d adoptedDraftsOfTheDeadInstance=%d states=%s%n", LEADS, items, doneAtKill,
				heldAtKill, terminal, drafts, duplicated.size(), retaken, adopted, states);

		assertThat(items).isEqualTo(LEADS);
		assertThat(terminal).as("every lead in exactly one terminal state, with its reason").isEqualTo(LEADS);
		assertThat(drafts).as("one draft per lead: none lost, none written twice").isEqualTo(LEADS);
		assertThat(duplicated).isEmpty();
		assertThat(withTheirDraft).isEqualTo(LEADS);
		assertThat(retaken).as("the dead instance's leases were taken over").isGreaterThanOrEqualTo(heldAtKill);
	}

	private long heldBy(UUID campaign, String owner) {
		return jdbc.sql("SELECT COUNT(*) FROM campaign_item WHERE campaign_id = ? AND state = 'IN_PROGRESS' AND lease_owner LIKE ?")
			.params(campaign, owner)
			.query(Long.class)
			.single();
	}

	private long done(UUID campaign) {
		return jdbc.sql("SELECT COUNT(*) FROM campaign_item WHERE campaign_id = ? AND finished_at IS NOT NULL")
			.param(campaign)
			.query(Long.class)
			.single();
	}
}
