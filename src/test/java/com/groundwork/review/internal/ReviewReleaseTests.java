package com.groundwork.review.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.groundwork.drafting.DraftSummary;
import com.groundwork.drafting.DraftingFixtures;
import com.groundwork.drafting.Drafts;
import com.groundwork.guardrail.Guardrails;
import com.groundwork.identity.TenantId;
import com.groundwork.identity.Tenants;
import com.groundwork.knowledge.KnowledgeIngestion;
import com.groundwork.lead.LeadFeatures;
import com.groundwork.lead.Suppressions;
import com.groundwork.review.DraftReleased;
import com.groundwork.review.ReviewFixtures;
import com.groundwork.search.PassageSearch;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.jayway.jsonpath.JsonPath;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.hamcrest.Matchers;
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
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Release: the suppression and consent checks run again, then delivery through acme's signed webhook (WireMock,
 * including failures: retries with backoff, dead letter, redelivery) and SMTP (GreenMail) with RFC 8058 headers,
 * whose one-click unsubscribe link works without signing in.
 */
@SpringBootTest(properties = { "groundwork.review.channels.acme.mail.from=Acme Corp <outreach@acme-ops.example>",
		"groundwork.review.channels.acme.webhook.secret=" + ReviewReleaseTests.SECRET,
		"groundwork.review.delivery.max-attempts=3", "groundwork.review.delivery.initial-backoff=300ms",
		"groundwork.review.delivery.max-backoff=2s", "groundwork.review.delivery.timeout=2s",
		"groundwork.review.delivery.poll-interval=100ms" })
@AutoConfigureMockMvc
@RecordApplicationEvents
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReviewReleaseTests {

	static final String SECRET = "webhook-signing-secret-for-tests";

	private static final String REVIEWER = "demo-acme-reviewer";

	private static final WireMockServer WEBHOOK = new WireMockServer(options().dynamicPort());

	private static final GreenMail SMTP = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

	static {
		WEBHOOK.start();
		SMTP.start();
	}

	@DynamicPropertySource
	static void channels(DynamicPropertyRegistry registry) {
		registry.add("groundwork.review.channels.acme.webhook.url", () -> WEBHOOK.baseUrl() + "/hooks/outreach");
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Suppressions suppressions;

	@Autowired
	ApplicationEvents events;

	private ReviewFixtures fixtures;
	private TenantId acme;

	@BeforeAll
	void setUp(@Autowired KnowledgeIngestion ingestion, @Autowired PassageSearch search, @Autowired Tenants tenants,
			@Autowired Drafts drafts, @Autowired Guardrails guardrails, @Autowired LeadFeatures leadFeatures,
			@Autowired PlatformTransactionManager transactions) {
		acme = DraftingFixtures.tenant(tenants, "acme");
		DraftingFixtures.ingest(ingestion, search, acme, DraftingFixtures.DOCUMENTS);
		fixtures = new ReviewFixtures(drafts, guardrails, leadFeatures, transactions, jdbc);
	}

	@AfterAll
	void stopServers() {
		WEBHOOK.stop();
		SMTP.stop();
	}

	@BeforeEach
	void reset() throws Exception {
		WEBHOOK.resetAll();
		SMTP.purgeEmailFromAllMailboxes();
	}

	/** A draft of the lead approved by the reviewer, ready for release. */
	private DraftSummary approved(String lead) throws Exception {
		var draft = fixtures.generate(acme, "acme", lead, "intro", "acme.rep");
		fixtures.queueWith(draft, ReviewFixtures.clean());
		perform(MockMvcRequestBuilders.post("/api/review/" + draft.id() + "/claim"), 200);
		perform(MockMvcRequestBuilders.post("/api/review/" + draft.id() + "/approve"), 200);
		return draft;
	}

	@Test
	void aReleasedDraftGoesOutSignedByWebhookAndByMailWithAWorkingOneClickUnsubscribe() throws Exception {
		WEBHOOK.stubFor(post(urlEqualTo("/hooks/outreach")).willReturn(aResponse().withStatus(202)));
		var draft = approved("L-1003");
		var released = perform(MockMvcRequestBuilders.post("/api/review/" + draft.id() + "/release"), 200);
		assertThat((String) JsonPath.read(released, "$.state")).isEqualTo("RELEASED");
		assertThat(JsonPath.<List<String>>read(released, "$.deliveries[*].channel")).containsExactly("outbox", "smtp",
				"webhook");
		assertThat(JsonPath.<List<String>>read(released, "$.deliveries[*].status")).containsOnly("DELIVERED");
		assertThat(events.stream(DraftReleased.class).filter(event -> event.draftId().equals(draft.id())))
			.singleElement()
			.satisfies(event -> assertThat(event.channels()).containsExactly("webhook", "smtp", "outbox"));

		// the webhook: signed over "<t>.<body>", with the delivery id as idempotency key
		var requests = WEBHOOK.findAll(postRequestedFor(urlEqualTo("/hooks/outreach")));
		assertThat(requests).hasSize(1);
		var request = requests.getFirst();
		var signature = request.getHeader("X-Groundwork-Signature");
		var t = Long.parseLong(signature.replaceAll("^t=(\\d+),v1=.*$", "$1"));
		assertThat(Math.abs(Instant.now().getEpochSecond() - t)).isLessThan(60);
		assertThat(signature).endsWith("v1=" + hmac(t + "." + request.getBodyAsString()));
		var webhookDelivery = JsonPath.<List<String>>read(released, "$.deliveries[?(@.channel == 'webhook')].id").getFirst();
		assertThat(request.getHeader("Idempotency-Key")).isEqualTo(webhookDelivery);
		var body = request.getBodyAsString();
		assertThat((String) JsonPath.read(body, "$.draftId")).isEqualTo(draft.id().toString());
		assertThat((String) JsonPath.read(body, "$.to")).isEqualTo("priya.nair@cascade-outfitters.example");
		assertThat((String) JsonPath.read(body, "$.subject")).isEqualTo(draft.subject());
		assertThat((String) JsonPath.read(body, "$.footer")).contains("500 Harbor Boulevard", "Acme Corp");
		assertThat((String) JsonPath.read(body, "$.headers['List-Unsubscribe-Post']")).isEqualTo("List-Unsubscribe=One-Click");

		// the mail: CAN-SPAM footer and RFC 8058 headers
		assertThat(SMTP.waitForIncomingEmail(5000, 1)).isTrue();
		MimeMessage mail = SMTP.getReceivedMessages()[0];
		assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("priya.nair@cascade-outfitters.example");
		assertThat(mail.getFrom()[0].toString()).contains("outreach@acme-ops.example");
		assertThat(mail.getSubject()).isEqualTo(draft.subject());
		var text = ((String) mail.getContent()).replace("\r\n", "\n");
		assertThat(text).startsWith("Hi Priya,").contains("500 Harbor Boulevard, Suite 400, Oakland, CA 94607");
		assertThat(mail.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
		var listUnsubscribe = mail.getHeader("List-Unsubscribe")[0];
		assertThat(listUnsubscribe).matches("<https://acme-ops\\.example/unsubscribe\\?token=[A-Za-z0-9_.-]+>");
		assertThat(text).contains(listUnsubscribe.substring(1, listUnsubscribe.length() - 1));

		// the outbox (on for the demo tenants) kept the same mail: its From is the mail channel's
		var outboxDelivery = JsonPath.<List<String>>read(released, "$.deliveries[?(@.channel == 'outbox')].id").getFirst();
		var eml = mvc.perform(get("/outbox/" + outboxDelivery + ".eml").header("X-API-Key", REVIEWER)).andReturn();
		var kept = new MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()),
				new java.io.ByteArrayInputStream(eml.getResponse().getContentAsByteArray()));
		for (var header : List.of("From", "To", "Subject", "Date", "Content-Type", "Content-Transfer-Encoding",
				"List-Unsubscribe", "List-Unsubscribe-Post")) {
			assertThat(kept.getHeader(header)).as(header).containsExactly(mail.getHeader(header));
		}
		assertThat(((String) kept.getContent()).replace("\r\n", "\n")).isEqualTo(text);

		// one click, as a mail provider sends it: a form POST without session, credentials or CSRF token
		var link = URI.create(listUnsubscribe.substring(1, listUnsubscribe.length() - 1));
		assertThat(suppressions.isSuppressed(acme, "priya.nair@cascade-outfitters.example")).isFalse();
		mvc.perform(MockMvcRequestBuilders.post(link.getPath() + "?" + link.getRawQuery())
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.content("List-Unsubscribe=One-Click"))
			.andExpect(status().isOk());
		assertThat(suppressions.isSuppressed(acme, "priya.nair@cascade-outfitters.example")).isTrue();
		mvc.perform(get("/api/leads/L-1003").header("X-API-Key", REVIEWER)).andExpect(jsonPath("$.suppressed").value(true));
		// a forged or missing token does nothing
		mvc.perform(MockMvcRequestBuilders.post("/unsubscribe?token=" + link.getRawQuery().substring(6, 20) + ".x")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.content("List-Unsubscribe=One-Click")).andExpect(status().isBadRequest());
		mvc.perform(get("/unsubscribe?token=whatever")).andExpect(status().isOk());

		// released is final
		perform(MockMvcRequestBuilders.post("/api/review/" + draft.id() + "/release"), 409);
	}

	@Test
	void aFailingWebhookIsRetriedWithBackoffUnderTheSameIdempotencyKey() throws Exception {
		WEBHOOK.stubFor(post(urlEqualTo("/hooks/outreach")).inScenario("flaky")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(500).withBody("database down"))
			.willSetStateTo("second"));
		WEBHOOK.stubFor(post(urlEqualTo("/hooks/outreach")).inScenario("flaky")
			.whenScenarioStateIs("second")
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("third"));
		WEBHOOK.stubFor(post(urlEqualTo("/hooks/outreach")).inScenario("flaky")
			.whenScenarioStateIs("third")
			.willReturn(aResponse().withStatus(200)));
		var draft = approved("L-1007");
		var released = perform(MockMvcRequestBuilders.post("/api/review/" + draft.id() + "/release"), 200);
		assertThat(JsonPath.<List<String>>read(released, "$.deliveries[?(@.channel == 'webhook')].status"))
			.containsExactly("PENDING");
		assertThat(JsonPath.<List<String>>read(released, "$.deliveries[?(@.channel == 'webhook')].lastError").getFirst())
			.contains("HTTP 500", "database down");

		await().atMost(Duration.ofSeconds(15)).until(() -> "DELIVERED".equals(webhookStatus(draft)));
		var requests = WEBHOOK.findAll(postRequestedFor(urlEqualTo("/hooks/outreach")));
		assertThat(requests).hasSize(3);
		assertThat(requests).extracting(r -> r.getHeader("Idempotency-Key")).containsOnly(requests.getFirst().getHeader("Idempotency-Key"));
		assertThat(requests).extracting(r -> r.getHeader("X-Groundwork-Delivery-Attempt")).containsExactly("1", "2", "3");
		// 300 ms after the first failure, 600 ms after the second
		var gap1 = Duration.between(requests.get(0).getLoggedDate().toInstant(), requests.get(1).getLoggedDate().toInstant());
		var gap2 = Duration.between(requests.get(1).getLoggedDate().toInstant(), requests.get(2).getLoggedDate().toInstant());
		assertThat(gap1).isGreaterThanOrEqualTo(Duration.ofMillis(280));
		assertThat(gap2).isGreaterThanOrEqualTo(Duration.ofMillis(580));
		mvc.perform(get("/api/review/" + draft.id()).header("X-API-Key", REVIEWER))
			.andExpect(jsonPath("$.deliveries[?(@.channel == 'webhook')].attempts").value(Matchers.contains(3)));
	}

	@Test
	void aWebhookThatKeepsFailingIsDeadLetteredAndCanBeRedelivered() throws Exception {
		WEBHOOK.stubFor(post(urlEqualTo("/hooks/outreach")).willReturn(aResponse().withStatus(503)));
		var draft = approved("L-1001");
		perform(MockMvcRequestBuilders.post("/api/review/" + draft.id() + "/redeliver"), 409);
		perform(MockMvcRequestBuilders.post("/api/review/" + draft.id() + "/release"), 200);
		await().atMost(Duration.ofSeconds(15)).until(() -> "DEAD".equals(webhookStatus(draft)));
		Thread.sleep(800); // nothing is attempted after the dead letter
		assertThat(WEBHOOK.findAll(anyRequestedFor(urlEqualTo("/hooks/outreach")))).hasSize(3);
		mvc.perform(get("/api/review/" + draft.id()).header("X-API-Key", REVIEWER))
			.andExpect(jsonPath("$.deliveries[?(@.channel == 'webhook')].lastError").value(Matchers.contains(Matchers.containsString("HTTP 503"))))
			.andExpect(jsonPath("$.deliveries[?(@.channel == 'smtp')].status").value(Matchers.contains("DELIVERED")));

		// the receiver is fixed; the reviewer redelivers from the review page
		WEBHOOK.resetAll();
		WEBHOOK.stubFor(post(urlEqualTo("/hooks/outreach")).willReturn(aResponse().withStatus(200)));
		mvc.perform(MockMvcRequestBuilders.post("/review/" + draft.id() + "/redeliver").header("X-API-Key", REVIEWER))
			.andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
				.string(Matchers.containsString("data-testid=\"delivery-status\">DELIVERED")));
		assertThat(webhookStatus(draft)).isEqualTo("DELIVERED");
		assertThat(WEBHOOK.findAll(postRequestedFor(urlEqualTo("/hooks/outreach")))).hasSize(1);
		assertThat(java.util.Arrays.stream(SMTP.getReceivedMessages()).map(ReviewReleaseTests::recipient))
			.as("the mail went once, and is not sent again")
			.containsExactly("dana@northwind.example");
	}

	@Test
	void releaseChecksSuppressionAgainAndASuppressedRecipientBlocksTheDraft() throws Exception {
		WEBHOOK.stubFor(post(urlEqualTo("/hooks/outreach")).willReturn(aResponse().withStatus(200)));
		var draft = approved("L-1014");
		// after approval, the recipient asks not to be contacted
		mvc.perform(MockMvcRequestBuilders.post("/api/suppressions").header("X-API-Key", "demo-acme-marketer")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"email\":\"sarah.johnson@prairiehome.example\",\"reason\":\"legal-request\"}"))
			.andExpect(status().is2xxSuccessful());
		var refused = perform(MockMvcRequestBuilders.post("/api/review/" + draft.id() + "/release"), 422);
		assertThat((String) JsonPath.read(refused, "$.state")).isEqualTo("BLOCKED");
		assertThat(JsonPath.<List<String>>read(refused, "$.findings[*].ruleId")).isNotEmpty();
		assertThat(WEBHOOK.findAll(anyRequestedFor(urlEqualTo("/hooks/outreach")))).isEmpty();
		assertThat(SMTP.getReceivedMessages()).isEmpty();
		mvc.perform(get("/api/review/" + draft.id()).header("X-API-Key", REVIEWER))
			.andExpect(jsonPath("$.state").value("BLOCKED"))
			.andExpect(jsonPath("$.decisions[-1].action").value("RELEASE_BLOCKED"))
			.andExpect(jsonPath("$.decisions[-1].findings").isNotEmpty());
		perform(MockMvcRequestBuilders.post("/api/review/" + draft.id() + "/release"), 409);
	}

	@Test
	void releaseChecksConsentAgainOnTheLeadAsItIsNow() throws Exception {
		mvc.perform(MockMvcRequestBuilders.put("/api/leads/REL-1").header("X-API-Key", "demo-acme-marketer")
			.contentType(MediaType.APPLICATION_JSON)
			.content(lead("EXPRESS"))).andExpect(status().is2xxSuccessful());
		var draft = approved("REL-1");
		// consent is withdrawn after approval
		mvc.perform(MockMvcRequestBuilders.put("/api/leads/REL-1").header("X-API-Key", "demo-acme-marketer")
			.contentType(MediaType.APPLICATION_JSON)
			.content(lead("WITHDRAWN"))).andExpect(status().isOk());
		var refused = perform(MockMvcRequestBuilders.post("/api/review/" + draft.id() + "/release"), 422);
		assertThat(JsonPath.<List<String>>read(refused, "$.findings[*].ruleId")).isNotEmpty();
		assertThat(WEBHOOK.findAll(anyRequestedFor(urlEqualTo("/hooks/outreach")))).isEmpty();
	}

	private String lead(String consent) {
		return """
				{"schemaVersion":2,"externalId":"REL-1",
				 "contact":{"firstName":"Rita","lastName":"Lane","email":"rita.lane@harborline.example","title":"VP Operations","country":"US"},
				 "company":{"name":"Harborline Freight","industry":"logistics","employees":900,"salesRegion":"NA"},
				 "consent":{"status":"%s","basis":"demo-request","source":"web-form","grantedAt":"2026-09-01"}}
				""".formatted(consent);
	}

	private String webhookStatus(DraftSummary draft) {
		return jdbc.sql("SELECT status FROM review_delivery WHERE draft_id = ? AND channel = 'webhook'")
			.params(draft.id())
			.query(String.class)
			.optional()
			.orElse("NONE");
	}

	private String perform(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, int status)
			throws Exception {
		var result = mvc.perform(request.header("X-API-Key", REVIEWER)).andReturn();
		assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(status);
		return result.getResponse().getContentAsString();
	}

	private static String recipient(MimeMessage message) {
		try {
			return message.getAllRecipients()[0].toString();
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String hmac(String signed) throws Exception {
		var mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
	}
}
