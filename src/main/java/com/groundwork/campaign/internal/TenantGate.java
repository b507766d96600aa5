package com.groundwork.campaign.internal;

import com.groundwork.drafting.Drafts;
import com.groundwork.identity.TenantId;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What one tenant's campaigns may draft on this instance: at most {@code max-concurrent} at once (a Resilience4j
 * bulkhead), at most {@code drafts-per-second} started (a rate limiter, evenly spaced), and nothing while the
 * tenant's daily drafting budget is used up (looked at again every {@code budget-recheck}).
 */
final class TenantGate {

	private static final Duration BUDGET_REFRESH = Duration.ofSeconds(2);

	private final TenantId tenant;
	private final String slug;
	private final Bulkhead bulkhead;
	private final @Nullable RateLimiter rate;
	private final Drafts drafts;
	private final Duration budgetRecheck;
	private volatile Instant nextBudgetCheck = Instant.MIN;
	private volatile boolean budgetExhausted;

	TenantGate(TenantId tenant, String slug, CampaignSettings.TenantLimits limits, Drafts drafts,
			Duration budgetRecheck) {
		this.tenant = tenant;
		this.slug = slug;
		this.drafts = drafts;
		this.budgetRecheck = budgetRecheck;
		this.bulkhead = Bulkhead.of("campaign-" + slug, BulkheadConfig.custom()
			.maxConcurrentCalls(limits.maxConcurrent())
			.maxWaitDuration(Duration.ZERO)
			.build());
		this.rate = limits.draftsPerSecond() <= 0 ? null : RateLimiter.of("campaign-" + slug, RateLimiterConfig.custom()
			.limitForPeriod(1)
			.limitRefreshPeriod(Duration.ofNanos((long) (1_000_000_000L / limits.draftsPerSecond())))
			.timeoutDuration(Duration.ofDays(1))
			.build());
	}

	String slug() {
		return slug;
	}

	/** Free places for drafts of this tenant. */
	int available() {
		return bulkhead.getMetrics().getAvailableConcurrentCalls();
	}

	boolean enter() {
		return bulkhead.tryAcquirePermission();
	}

	void leave() {
		bulkhead.onComplete();
	}

	/** Waits for this tenant's next start, when its rate is limited. */
	void pace() {
		if (rate != null) {
			rate.acquirePermission();
		}
	}

	/** Whether the tenant's budget lets drafts start; asks drafting at most every two seconds. */
	boolean budgetAllows(Instant now) {
		if (now.isBefore(nextBudgetCheck)) {
			return !budgetExhausted;
		}
		budgetExhausted = drafts.budget(tenant, slug).isExhausted();
		nextBudgetCheck = now.plus(budgetExhausted ? budgetRecheck : BUDGET_REFRESH);
		return !budgetExhausted;
	}

	/** Drafting refused for the budget: wait before asking again. */
	void budgetExhausted(Instant now) {
		budgetExhausted = true;
		nextBudgetCheck = now.plus(budgetRecheck);
	}
}
