package com.groundwork.campaign.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A campaign as the API and its events show it.
 *
 * @param waitingFor why nothing is drafted although items are pending: {@code import}, {@code paused} or
 * {@code budget} (the tenant's daily drafting budget is used up until {@code budgetResetsAt}); null otherwise
 * @param counts items per state, all seven states present
 * @param done items in a terminal state
 * @param progress done ÷ total, 0 to 1
 * @param throughputPerSecond items finished per second: over the last minute while running, over the whole run once
 * finished (cancelled items not counted)
 * @param etaSeconds time left at that throughput while running, or null
 * @param blockedReasons BLOCKED items per guardrail rule, most frequent first
 * @param failedReasons FAILED items per reason code
 * @param importReport the import's row-level report (one campaign only, not in lists)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record CampaignView(UUID id, String name, String angle, @Nullable String promptVariant, String status,
		@Nullable String waitingFor, @Nullable Instant budgetResetsAt, long total, Map<String, Long> counts, long done,
		double progress, double throughputPerSecond, @Nullable Long etaSeconds, long tokens, BigDecimal cost,
		@Nullable Map<String, Long> blockedReasons, @Nullable Map<String, Long> failedReasons, String createdBy,
		Instant createdAt, @Nullable Instant startedAt, @Nullable Instant finishedAt,
		@Nullable ImportSummary importReport, Map<String, String> links) {

	boolean finished() {
		return finishedAt != null;
	}
}
