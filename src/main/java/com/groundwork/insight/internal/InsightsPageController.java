package com.groundwork.insight.internal;

import com.groundwork.identity.CurrentActor;
import com.groundwork.identity.Role;
import com.groundwork.web.NavigationItem;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Insights page: funnel, approval and block rates over time, rates by prompt variant with their confidence
 * intervals, cost, the canary verdicts and the drift alerts. The charts (Chart.js) draw the same report the KPI API
 * answers, embedded in the page as JSON.
 */
@Controller
class InsightsPageController {

	private final CurrentActor currentActor;
	private final KpiService kpis;
	private final DriftMonitor drift;
	private final JsonMapper mapper;
	private final Clock clock;

	InsightsPageController(CurrentActor currentActor, KpiService kpis, DriftMonitor drift, JsonMapper mapper,
			Clock clock) {
		this.currentActor = currentActor;
		this.kpis = kpis;
		this.drift = drift;
		this.mapper = mapper;
		this.clock = clock;
	}

	@GetMapping("/insights")
	@RolesAllowed({ Role.Names.ADMIN, Role.Names.AUDITOR, Role.Names.MARKETER, Role.Names.REVIEWER })
	String insights(@RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to, Model model) {
		var actor = currentActor.require();
		DateRange range;
		try {
			range = DateRange.parse(from, to, clock);
		}
		catch (ErrorResponseException invalid) {
			model.addAttribute("error", invalid.getBody().getDetail());
			range = DateRange.parse(null, null, clock);
		}
		var report = kpis.report(actor.tenantId(), actor.tenantSlug(), range.from(), range.to());
		var drifts = drift.evaluate(actor.tenantId(), actor.tenantSlug());
		model.addAttribute("range", range);
		model.addAttribute("report", report);
		model.addAttribute("drift", drifts);
		// '<' escaped: the JSON sits in a <script> element and carries names people typed (campaigns)
		model.addAttribute("reportJson",
				mapper.writeValueAsString(Map.of("report", report, "drift", drifts)).replace("<", "\\u003c"));
		return "insights/insights";
	}

	/** The page in the navigation; the drift gauges are recomputed on a schedule. */
	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	static class Navigation {

		@Bean
		NavigationItem insightsNavigation() {
			return new NavigationItem("Insights", "/insights", 50,
					EnumSet.of(Role.ADMIN, Role.AUDITOR, Role.MARKETER, Role.REVIEWER));
		}
	}
}
