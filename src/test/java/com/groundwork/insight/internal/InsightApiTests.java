package com.groundwork.insight.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.groundwork.drafting.DraftingFixtures;
import com.groundwork.identity.WebhookSignature;
import com.groundwork.identity.TenantId;
import com.groundwork.identity.Tenants;
import com.groundwork.knowledge.KnowledgeIngestion;
import com.groundwork.lead.Suppressions;
import com.groundwork.search.PassageSearch;
import com.jayway.jsonpath.JsonPath;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The whole loop on the embedded default: a rep's draft is checked, approved and released through the review API;
 * insight's read model follows the events; signed outcome webhooks (out of order, repeated, tampered with) are
 * recorded once; the KPIs, next-best-action, metrics and traces show it all.
 */
@SpringBootTest(properties = { "management.tracing.sampling.probability=1.0",
		"management.opentelemetry.tracing.export.schedule-delay=200ms",
		"groundwork.review.channels.acme.webhook.url=http://127.0.0.1:9/release-hook",
		"groundwork.review.channels.acme.webhook.secret=release-hook-secret-for-tests" })
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InsightApiTests {

	private static final String SECRET = "demo-acme-outcome-secret";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Suppressions suppressions;

	@Autowired
	CapturedSpans spans;

	private TenantId acme;

	@TestConfiguration
	static class Tracing {

		@Bean
		CapturedSpans capturedSpans() {
			return new CapturedSpans();
		}
	}

	/** The spans the OpenTelemetry SDK exported, kept in memory. */
	static class CapturedSpans implements SpanExporter {

		final List<SpanData> spans = new CopyOnWriteArrayList<>();

		@Override
		public CompletableResultCode export(Collection<SpanData> batch) {
			spans.addAll(batch);
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode flush() {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode shutdown() {
			return CompletableResultCode.ofSuccess();
		}
	}

	@BeforeAll
	void ingest(@Autowired KnowledgeIngestion ingestion, @Autowired PassageSearch search, @Autowired Tenants tenants) {
		acme = DraftingFixtures.tenant(tenants, "acme");
		DraftingFixtures.ingest(ingestion, search, acme, DraftingFixtures.DOCUMENTS);
	}

	@Test
	@Order(1)
	void aReleasedDraftsOutcomesFeedTheKpisNextBestActionMetricsAndTraces() throws Exception {
		var draftId = released("L-1001");
		var tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1);
		var range = "?from=" + tomorrow.minusDays(3) + "&to=" + tomorrow;

		// before any outcome: approved and sent, nothing else
		mvc.perform(get("/api/insights/kpis" + range).header("X-API-Key", "demo-acme-marketer"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.tenant").value("acme"))
			.andExpect(jsonPath("$.overall.drafts").value(1))
			.andExpect(jsonPath("$.overall.approval.rate").value(1.0))
			.andExpect(jsonPath("$.overall.sent").value(1))
			.andExpect(jsonPath("$.overall.reply.rate").value(0.0))
			.andExpect(jsonPath("$.overall.block.rate").value(0.0))
			.andExpect(jsonPath("$.groups.variant[0].key").value(Matchers.startsWith("intro · outreach-intro@")))
			.andExpect(jsonPath("$.groups.tier[0].key").value("tier 0 · offline-drafter"))
			.andExpect(jsonPath("$.groups.campaign[0].key").value("(no campaign)"));

		// out of order: the reply comes before the open and the send; the same event again is a duplicate
		outcome("evt-reply-1", draftId, "replied").andExpect(status().isOk())
			.andExpect(jsonPath("$.result").value("RECORDED"))
			.andExpect(jsonPath("$.leadExternalId").value("L-1001"));
		outcome("evt-reply-1", draftId, "replied").andExpect(status().isOk())
			.andExpect(jsonPath("$.result").value("DUPLICATE"));
		outcome("evt-open-1", draftId, "opened").andExpect(jsonPath("$.result").value("RECORDED"));
		outcome("evt-sent-1", draftId, "sent").andExpect(jsonPath("$.result").value("RECORDED"));
		outcome("evt-meeting-1", draftId, "meeting-booked").andExpect(jsonPath("$.result").value("RECORDED"));
		assertThat(jdbc.sql("SELECT COUNT(*) FROM insight_outcome WHERE draft_id = ?").param(draftId).query(Long.class).single())
			.isEqualTo(4);

		mvc.perform(get("/api/insights/kpis" + range).header("X-API-Key", "demo-acme-auditor"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.overall.reply.successes").value(1))
			.andExpect(jsonPath("$.overall.reply.trials").value(1))
			.andExpect(jsonPath("$.overall.reply.rate").value(1.0))
			// Wilson 95 % for 1 of 1
			.andExpect(jsonPath("$.overall.reply.low").value(0.2065))
			.andExpect(jsonPath("$.overall.reply.high").value(1.0))
			.andExpect(jsonPath("$.overall.meeting.rate").value(1.0))
			.andExpect(jsonPath("$.overall.leadToOpportunity.rate").value(0.0))
			.andExpect(jsonPath("$.funnel[?(@.step == 'meeting booked')].drafts").value(Matchers.contains(1)))
			.andExpect(jsonPath("$.method.intervals").value(Matchers.containsString("Wilson")))
			// the draft's email score reached insight with DraftGenerated: its band and variant got the reply
			.andExpect(jsonPath("$.scoreVsReply.length()").value(1))
			.andExpect(jsonPath("$.scoreVsReply[0].band").value(Matchers.oneOf("0-49", "50-69", "70-84", "85-100")))
			.andExpect(jsonPath("$.scoreVsReply[0].variant").value(Matchers.startsWith("intro · outreach-intro@")))
			.andExpect(jsonPath("$.scoreVsReply[0].drafts").value(1))
			.andExpect(jsonPath("$.scoreVsReply[0].replies").value(1))
			.andExpect(jsonPath("$.scoreVsReply[0].reply.rate").value(1.0));
		var stored = jdbc.sql("SELECT email_score FROM insight_draft WHERE draft_id = ?").param(draftId)
			.query(Integer.class).single();
		assertThat(stored).isNotNull().isBetween(0, 100);
		mvc.perform(get("/api/drafts/" + draftId).header("X-API-Key", "demo-acme-reviewer"))
			.andExpect(jsonPath("$.score.value").value(stored));

		// the lead replied and booked a meeting: wait, and say why
		mvc.perform(get("/api/leads/L-1001/next-best-action").header("X-API-Key", "demo-acme-rep"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.action").value("wait"))
			.andExpect(jsonPath("$.rule").value("meeting-booked"))
			.andExpect(jsonPath("$.reasons[1]").value("outcome: meeting-booked"))
			.andExpect(jsonPath("$.facts.sent").value(1))
			.andExpect(jsonPath("$.facts.daysSinceLastTouch").value(0));

		// an unsubscribe reported by the e-mail system suppresses the address and ends all contact
		outcome("evt-unsub-1", draftId, "unsubscribed").andExpect(jsonPath("$.result").value("RECORDED"));
		assertThat(suppressions.isLeadSuppressed(acme, "L-1001")).isTrue();
		mvc.perform(get("/api/leads/L-1001/next-best-action").header("X-API-Key", "demo-acme-reviewer"))
			.andExpect(jsonPath("$.action").value("do-not-contact"))
			.andExpect(jsonPath("$.rule").value("unsubscribed"));

		// meters, tagged by tenant slug and never by a lead or draft id
		var prometheus = mvc.perform(get("/actuator/prometheus").header("X-API-Key", "demo-acme-auditor"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(prometheus).contains("groundwork_drafts_generated_total{", "tenant=\"acme\"",
				"groundwork_draft_retrieval_score_count{", "groundwork_draft_confidence_count{",
				"groundwork_draft_retrieval_seconds_count{", "groundwork_draft_generation_seconds_count{",
				"groundwork_guardrail_check_seconds_count{", "groundwork_review_decisions_total{",
				"groundwork_drafts_released_total{", "groundwork_outcomes_total{", "type=\"meeting-booked\"");
		assertThat(prometheus).doesNotContain("L-1001").doesNotContain(draftId.toString());
		// every series the Grafana dashboard queries is exported (drift gauges once drift was evaluated)
		mvc.perform(get("/api/insights/drift").header("X-API-Key", "demo-acme-auditor")).andExpect(status().isOk());
		var scraped = mvc.perform(get("/actuator/prometheus").header("X-API-Key", "demo-acme-auditor"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		var dashboard = java.nio.file.Files.readString(java.nio.file.Path.of("ops/grafana/groundwork.json"));
		var queried = java.util.regex.Pattern.compile("groundwork_[a-z_]+").matcher(dashboard).results()
			.map(java.util.regex.MatchResult::group)
			.distinct()
			.toList();
		assertThat(queried).hasSizeGreaterThan(15);
		// (a finding's counter exists once a draft had one; this one passed clean)
		assertThat(queried).filteredOn(series -> !series.equals("groundwork_guardrail_findings_total"))
			.allSatisfy(series -> assertThat(scraped).as(series).contains(series + "{"));

		// one trace: the request, the draft, and its stages with bounded tags
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(spans.spans).extracting(SpanData::getName)
			.contains("groundwork.draft", "groundwork.draft.retrieval", "groundwork.draft.generation",
					"groundwork.guardrail.check", "groundwork.review.decision", "groundwork.review.release"));
		var retrieval = spans.spans.stream().filter(span -> span.getName().equals("groundwork.draft.retrieval")).findFirst().orElseThrow();
		var draft = spans.spans.stream().filter(span -> span.getName().equals("groundwork.draft")).findFirst().orElseThrow();
		assertThat(retrieval.getTraceId()).isEqualTo(draft.getTraceId());
		assertThat(retrieval.getParentSpanId()).isEqualTo(draft.getSpanId());
		assertThat(retrieval.getAttributes().asMap().toString()).contains("tenant=acme", "angle=intro");
		var generation = spans.spans.stream().filter(span -> span.getName().equals("groundwork.draft.generation")).findFirst().orElseThrow();
		assertThat(generation.getAttributes().asMap().toString()).contains("tier=0", "model=offline-drafter", "outcome=ok");
	}

	@Test
	void outcomesAreSignedValidatedAndOnlyForReleasedDrafts() throws Exception {
		var body = """
				{"eventId":"evt-x","draftId":"%s","type":"opened"}""".formatted(UUID.randomUUID());
		// no signature, a wrong one, a stale one: 401 with the scheme named
		mvc.perform(post("/api/outcomes").header("X-API-Key", "demo-acme-marketer").contentType(MediaType.APPLICATION_JSON)
			.content(body))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", Matchers.startsWith("Signature ")));
		mvc.perform(post("/api/outcomes").header("X-API-Key", "demo-acme-marketer")
			.header(WebhookSignature.HEADER, WebhookSignature.sign("wrong-secret", Instant.now().getEpochSecond(), bytes(body)))
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)).andExpect(status().isUnauthorized());
		mvc.perform(post("/api/outcomes").header("X-API-Key", "demo-acme-marketer")
			.header(WebhookSignature.HEADER, WebhookSignature.sign(SECRET, Instant.now().minusSeconds(3600).getEpochSecond(), bytes(body)))
			.contentType(MediaType.APPLICATION_JSON)
			.content(body))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.detail").value(Matchers.containsString("away from the server's clock")));
		// globex's secret does not sign acme's events
		mvc.perform(post("/api/outcomes").header("X-API-Key", "demo-globex-marketer")
			.header(WebhookSignature.HEADER, WebhookSignature.sign(SECRET, Instant.now().getEpochSecond(), bytes(body)))
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)).andExpect(status().isUnauthorized());
		// signed but unknown draft: 404; bad fields: 400 naming them
		signed(body).andExpect(status().isNotFound());
		signed("""
				{"eventId":"evt-y","draftId":"%s","type":"clicked"}""".formatted(UUID.randomUUID()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("type"))
			.andExpect(jsonPath("$.detail").value(Matchers.containsString("meeting-booked")));
		signed("""
				{"draftId":"%s","type":"sent"}""".formatted(UUID.randomUUID()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("eventId"));
		signed("""
				{"eventId":"e","draftId":"not-a-uuid","type":"sent"}""").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("draftId"));
		signed("""
				{"eventId":"e","draftId":"%s","type":"sent","occurredAt":"yesterday"}""".formatted(UUID.randomUUID()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("occurredAt"));
		signed("""
				{"eventId":"e","draftId":"%s","type":"sent","colour":"red"}""".formatted(UUID.randomUUID()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("colour"));
		signed("not json").andExpect(status().isBadRequest()).andExpect(jsonPath("$.parameter").value("body"));

		// a draft that exists but was never released: 409
		var draftId = draft("L-1004");
		signed("""
				{"eventId":"evt-early","draftId":"%s","type":"sent"}""".formatted(draftId))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail").value(Matchers.containsString("not RELEASED")));
	}

	@Test
	void badDatesAreProblemsNamingTheParameter() throws Exception {
		mvc.perform(get("/api/insights/kpis?from=2026-13-01&to=2026-12-31").header("X-API-Key", "demo-acme-admin"))
			.andExpect(status().isBadRequest())
			.andExpect(header().string("Content-Type", Matchers.startsWith("application/problem+json")))
			.andExpect(jsonPath("$.parameter").value("from"))
			.andExpect(jsonPath("$.detail").value(Matchers.containsString("yyyy-MM-dd")));
		mvc.perform(get("/api/insights/kpis?from=2026-03-01&to=2026-02-01").header("X-API-Key", "demo-acme-admin"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("to"));
		mvc.perform(get("/api/insights/kpis?from=2026-01-01&to=31.12.2026").header("X-API-Key", "demo-acme-admin"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("to"));
		// an empty range is fine: nothing to count
		mvc.perform(get("/api/insights/kpis?from=2020-01-01&to=2020-12-31").header("X-API-Key", "demo-acme-admin"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.overall.drafts").value(0))
			.andExpect(jsonPath("$.overall.approval.rate").doesNotExist());
		mvc.perform(get("/api/insights/kpis").header("X-API-Key", "demo-acme-rep")).andExpect(status().isForbidden());
	}

	@Test
	void theSidebarFragmentShowsTheActionAndItsReasons() throws Exception {
		mvc.perform(get("/insights/next-best-action?lead=L-1002").header("X-API-Key", "demo-acme-rep"))
			.andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
				.string(Matchers.containsString("data-testid=\"nba-action\"")));
		mvc.perform(get("/insights/next-best-action?lead=NOPE-1").header("X-API-Key", "demo-acme-rep"))
			.andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
				.string(Matchers.containsString("No lead with externalId")));
		mvc.perform(get("/api/leads/NOPE-1/next-best-action").header("X-API-Key", "demo-acme-rep"))
			.andExpect(status().isNotFound());
	}

	private UUID draft(String lead) throws Exception {
		var created = mvc.perform(post("/api/drafts").header("X-API-Key", "demo-acme-rep")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"leadExternalId\":\"" + lead + "\",\"angle\":\"intro\"}"))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return UUID.fromString(JsonPath.read(created, "$.id"));
	}

	/** A draft generated, claimed, approved and released through the APIs, and seen released by insight. */
	private UUID released(String lead) throws Exception {
		var id = draft(lead);
		await().atMost(Duration.ofSeconds(20)).until(() -> mvc.perform(get("/api/review/" + id)
			.header("X-API-Key", "demo-acme-reviewer")).andReturn().getResponse().getContentAsString().contains("\"CHECKED\""));
		mvc.perform(post("/api/review/" + id + "/claim").header("X-API-Key", "demo-acme-reviewer"))
			.andExpect(status().isOk());
		mvc.perform(post("/api/review/" + id + "/approve").header("X-API-Key", "demo-acme-reviewer")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"comment\":\"fine as written\"}")).andExpect(status().isOk());
		mvc.perform(post("/api/review/" + id + "/release").header("X-API-Key", "demo-acme-reviewer"))
			.andExpect(status().isOk());
		await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("SELECT COUNT(*) FROM insight_release WHERE draft_id = ?")
			.param(id)
			.query(Long.class)
			.single() == 1 && jdbc.sql("SELECT COUNT(*) FROM insight_decision WHERE draft_id = ?")
				.param(id)
				.query(Long.class)
				.single() == 1);
		return id;
	}

	private ResultActions outcome(String eventId, UUID draftId, String type) throws Exception {
		return signed("""
				{"eventId":"%s","draftId":"%s","type":"%s","occurredAt":"%s"}""".formatted(eventId, draftId, type,
				Instant.now()));
	}

	private ResultActions signed(String body) throws Exception {
		return mvc.perform(post("/api/outcomes").header("X-API-Key", "demo-acme-marketer")
			.header(WebhookSignature.HEADER, WebhookSignature.sign(SECRET, Instant.now().getEpochSecond(), bytes(body)))
			.contentType(MediaType.APPLICATION_JSON)
			.content(body));
	}

	private static byte[] bytes(String body) {
		return body.getBytes(StandardCharsets.UTF_8);
	}
}
