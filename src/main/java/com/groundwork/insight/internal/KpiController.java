package com.groundwork.insight.internal;

import com.groundwork.identity.CurrentActor;
import com.groundwork.identity.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** KPIs of the caller's tenant as JSON, and its drift alerts. */
@Tag(name = "Insights")
@RestController
class KpiController {

	private final CurrentActor currentActor;
	private final KpiService kpis;
	private final DriftMonitor drift;
	private final Clock clock;

	KpiController(CurrentActor currentActor, KpiService kpis, DriftMonitor drift, Clock clock) {
		this.currentActor = currentActor;
		this.kpis = kpis;
		this.drift = drift;
		this.clock = clock;
	}

	@Operation(summary = "KPIs of the drafts generated in a date range, overall and by prompt variant, angle, model tier "
			+ "and campaign, with 95 % Wilson intervals and the canary-versus-control verdicts")
	@GetMapping("/api/insights/kpis")
	@RolesAllowed({ Role.Names.ADMIN, Role.Names.AUDITOR, Role.Names.MARKETER, Role.Names.REVIEWER })
	KpiService.Report kpis(
			@Parameter(description = "first day, ISO yyyy-MM-dd (default: 89 days before 'to')") @RequestParam(required = false) @Nullable String from,
			@Parameter(description = "last day, included, ISO yyyy-MM-dd (default: today, UTC)") @RequestParam(required = false) @Nullable String to) {
		var actor = currentActor.require();
		var range = DateRange.parse(from, to, clock);
		return kpis.report(actor.tenantId(), actor.tenantSlug(), range.from(), range.to());
	}

	@Operation(summary = "Drift alerts: retrieval scores, block rate, approval rate and reply rate of the recent window "
			+ "against the trailing baseline")
	@GetMapping("/api/insights/drift")
	@RolesAllowed({ Role.Names.ADMIN, Role.Names.AUDITOR, Role.Names.MARKETER, Role.Names.REVIEWER })
	DriftMonitor.DriftReport drift() {
		var actor = currentActor.require();
		return drift.evaluate(actor.tenantId(), actor.tenantSlug());
	}
}
