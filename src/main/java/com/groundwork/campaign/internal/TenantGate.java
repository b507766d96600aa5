package com.groundwork.campaign.internal;

import com.groundwork.drafting.DraftBudgetStatus;
import com.groundwork.drafting.Drafts;
import com.groundwork.identity.TenantId;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * What one tenant's campaigns may draft on this instance: at most {@code max-concurrent} at once (a Resilience4j
 * bulkhead), at most {@code drafts-per-second} started (a rate limiter, evenly spaced), and no more at once than the
 * tenant's daily drafting budget can pay: with a limited budget, drafts in flight times the most a draft has cost
 * stays within what is left (until a cost has been seen, one draft at a time), unless so little is left that drafting
 * uses tier 0 only, which costs nothing. A used-up budget stops the tenant until it is looked at again
 * ({@code budget-recheck}).
 */
final class TenantGate {

	private static final Duration UNLIMITED_REFRESH = Duration.ofSeconds(2);
	private static final Duration LIMITED_REFRESH = Duration.ofMillis(100);

	private final TenantId tenant;
	private final String slug;
	private final Bulkhead bulkhead;
	private final @Nullable RateLimiter rate;
	private final Drafts drafts;
	private final Duration budgetRecheck;
	private final AtomicInteger inFlight = new AtomicInteger();
	private final AtomicLong tokensSinceRefresh = new AtomicLong();
	private final AtomicReference<BigDecimal> costSinceRefresh = new AtomicReference<>(BigDecimal.ZERO);
	private final AtomicLong maxTokens = new AtomicLong(-1);
	private final AtomicReference<@Nullable BigDecimal> maxCost = new AtomicReference<>();
	private volatile @Nullable DraftBudgetStatus budget;
	private volatile Instant nextBudgetCheck = Instant.MIN;

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

	/** How many more drafts may start now: free places, within what the remaining budget pays for. */
	int available(Instant now) {
		int free = bulkhead.getMetrics().getAvailableConcurrentCalls();
		if (free == 0) {
			return 0;
		}
		var status = budget(now);
		if (status.isExhausted()) {
			return 0;
		}
		if (!status.isLimited() || status.offlineOnly()) {
			return free; // unlimited, or so little left that drafts come from tier 0, which costs nothing
		}
		long affordable = Long.MAX_VALUE;
		if (status.tokensLeft() != null) {
			long left = status.tokensLeft() - tokensSinceRefresh.get();
			long most = maxTokens.get();
			affordable = most < 0 ? Math.min(1, left > 0 ? 1 : 0) : most == 0 ? Long.MAX_VALUE : left / most;
		}
		if (status.costLeft() != null) {
			var left = status.costLeft().subtract(costSinceRefresh.get());
			var most = maxCost.get();
			long byCost = most == null ? (left.signum() > 0 ? 1 : 0)
					: most.signum() == 0 ? Long.MAX_VALUE
							: left.max(BigDecimal.ZERO).divide(most, 0, RoundingMode.FLOOR).longValue();
			affordable = Math.min(affordable, byCost);
		}
		return (int) Math.max(0, Math.min(free, affordable - inFlight.get()));
	}

	boolean enter() {
		if (bulkhead.tryAcquirePermission()) {
			inFlight.incrementAndGet();
			return true;
		}
		return false;
	}

	void leave() {
		inFlight.decrementAndGet();
		bulkhead.onComplete();
	}

	/** Waits for this tenant's next start, when its rate is limited. */
	void pace() {
		if (rate != null) {
			rate.acquirePermission();
		}
	}

	/**
	 * What a finished item cost. Only written drafts (drafted or blocked) tell what a draft costs: a failed one may
	 * have cost nothing because its model never answered.
	 */
	void spent(ItemOutcome outcome) {
		tokensSinceRefresh.addAndGet(outcome.tokens());
		costSinceRefresh.accumulateAndGet(outcome.cost(), BigDecimal::add);
		if (outcome.state() == ItemState.DRAFTED || outcome.state() == ItemState.BLOCKED) {
			maxTokens.accumulateAndGet(outcome.tokens(), Math::max);
			maxCost.accumulateAndGet(outcome.cost(), (a, b) -> a == null ? b : a.max(b));
		}
	}

	/** Drafting refused for the budget: wait before asking again. */
	void budgetExhausted(Instant now) {
		var resets = budget == null ? now.plus(budgetRecheck) : budget.resetsAt();
		budget = new DraftBudgetStatus(0, 0L, null, true, "exhausted", resets);
		nextBudgetCheck = now.plus(budgetRecheck);
	}

	private DraftBudgetStatus budget(Instant now) {
		var current = budget;
		if (current != null && now.isBefore(nextBudgetCheck)) {
			return current;
		}
		// what finished before the read is in it; what finishes after stays counted here (at worst twice: safe)
		long tokens = tokensSinceRefresh.get();
		var cost = costSinceRefresh.get();
		current = drafts.budget(tenant, slug);
		tokensSinceRefresh.addAndGet(-tokens);
		costSinceRefresh.accumulateAndGet(cost, BigDecimal::subtract);
		budget = current;
		nextBudgetCheck = now.plus(current.isExhausted() ? budgetRecheck
				: current.isLimited() ? LIMITED_REFRESH : UNLIMITED_REFRESH);
		return current;
	}
}
