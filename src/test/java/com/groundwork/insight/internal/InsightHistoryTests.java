package com.groundwork.insight.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.groundwork.drafting.DraftingFixtures;
import com.groundwork.identity.TenantId;
import com.groundwork.identity.Tenants;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Twelve weeks of history (the demo seeder's, whose last week blocks more drafts and retrieves worse) in tenant
 * globex: KPIs by every dimension, the canary verdicts, drift alerts and their gauges, and the page.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InsightHistoryTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	DriftMonitor drift;

	@Autowired
	MeterRegistry registry;

	@Autowired
	InsightRepository repository;

	private TenantId globex;

	private DemoHistorySeeder seeder;

	private int seeded;

	@BeforeAll
	void seed(@Autowired Tenants tenants, @Autowired TransactionTemplate transactions,
			@Autowired Clock clock) {
		globex = DraftingFixtures.tenant(tenants, "globex");
		seeder = new DemoHistorySeeder(tenants, repository, transactions, clock);
		// acme's history (with its drift) into globex: acme itself stays empty
		seeded = transactions.execute(status -> seeder.seed(globex, "acme", clock.instant()));
	}

	@Test
	void kpisByEveryDimensionWithCanaryVerdicts() throws Exception {
		var today = LocalDate.now(ZoneOffset.UTC);
		mvc.perform(get("/api/insights/kpis?from=" + today.minusDays(100) + "&to=" + today)
			.header("X-API-Key", "demo-globex-admin"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.overall.drafts").value(seeded))
			.andExpect(jsonPath("$.groups.angle[*].key").value(Matchers.contains("case-study", "follow-up", "intro")))
			.andExpect(jsonPath("$.groups.campaign[*].key").value(Matchers.containsInAnyOrder("(no campaign)",
					"Healthcare follow-up", "Q3 logistics intro", "Retail case studies")))
			.andExpect(jsonPath("$.groups.tier[*].key").value(Matchers.contains("tier 0 · offline-drafter",
					"tier 1 · gpt-4o-mini", "tier 2 · gpt-4o")))
			.andExpect(jsonPath("$.groups.variant[*].key").value(Matchers.hasItems("intro · outreach-intro@1 (stable)",
					"intro · outreach-intro@2 (canary)")))
			.andExpect(jsonPath("$.overall.blockByRule['compliance.consent-required']").isNumber())
			.andExpect(jsonPath("$.overall.reply.low").value(Matchers.lessThan(0.2)))
			.andExpect(jsonPath("$.overall.cost.perMeeting").isNumber())
			.andExpect(jsonPath("$.overall.pipelineVelocity.opportunities").value(Matchers.greaterThan(0)))
			.andExpect(jsonPath("$.overall.timeToApproveMinutes.median").isNumber())
			.andExpect(jsonPath("$.canaryVsControl[*].metric").value(Matchers.contains("approval rate", "reply rate",
					"meeting rate")))
			.andExpect(jsonPath("$.canaryVsControl[0].verdict").value(Matchers.oneOf("significant", "not yet")))
			.andExpect(jsonPath("$.weeks.length()").value(Matchers.greaterThanOrEqualTo(12)))
			.andExpect(jsonPath("$.scoreVsReply[*].band").value(Matchers.hasItems("50-69", "70-84", "85-100")))
			.andExpect(jsonPath("$.scoreVsReply[?(@.band == '70-84' && @.variant == 'intro · outreach-intro@1 (stable)')].sent")
				.value(Matchers.contains(Matchers.greaterThan(0))));
		// acme saw none of it (other tests sharing this context may have drafted for acme: look for globex's history)
		mvc.perform(get("/api/insights/kpis?from=" + today.minusDays(100) + "&to=" + today)
			.header("X-API-Key", "demo-acme-admin"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.groups.campaign[*].key").value(Matchers.not(Matchers.hasItems("Healthcare follow-up",
					"Q3 logistics intro", "Retail case studies"))))
			.andExpect(jsonPath("$.overall.drafts").value(Matchers.lessThan(seeded)));
	}

	@Test
	void driftOfBlockRateAndRetrievalIsAlertedAndExported() throws Exception {
		var report = drift.evaluate(globex, "globex");
		assertThat(report.alerts()).extracting(DriftMonitor.Signal::signal).contains("block-rate", "retrieval-score");
		assertThat(report.signals()).extracting(DriftMonitor.Signal::signal)
			.containsExactlyElementsOf(DriftMonitor.SIGNALS);
		var block = report.signals().stream().filter(signal -> signal.signal().equals("block-rate")).findFirst().orElseThrow();
		assertThat(block.recent()).isGreaterThan(block.baseline());
		assertThat(block.statistic()).isGreaterThan(3.0);
		assertThat(registry.get("groundwork.drift.alert").tags("tenant", "globex", "signal", "block-rate").gauge().value())
			.isEqualTo(1.0);
		assertThat(registry.get("groundwork.drift.statistic").tags("tenant", "globex", "signal", "retrieval-score")
			.gauge()
			.value()).isGreaterThan(0.2);
		mvc.perform(get("/api/insights/drift").header("X-API-Key", "demo-globex-auditor"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.alerts[*].signal").value(Matchers.hasItems("block-rate", "retrieval-score")));
		mvc.perform(get("/insights").header("X-API-Key", "demo-globex-marketer"))
			.andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("data-testid=\"drift-alert\"")))
			.andExpect(content().string(Matchers.containsString("id=\"variants-chart\"")))
			// the seeded history is scored: score bands against reply rate, per variant
			.andExpect(content().string(Matchers.containsString("data-testid=\"score-band-row\" data-band=\"70-84\"")));
	}

	/** Last: it seeds the tenants that have no history yet (acme). */
	@Test
	@Order(Integer.MAX_VALUE)
	void seedingAgainChangesNothing() {
		seeder.seed();
		var today = LocalDate.now(ZoneOffset.UTC);
		assertThat(repository.facts(globex, today.minusDays(100).atStartOfDay().toInstant(ZoneOffset.UTC),
				today.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC))).hasSize(seeded);
	}
}
