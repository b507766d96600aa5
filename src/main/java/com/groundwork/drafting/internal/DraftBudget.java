package com.groundwork.drafting.internal;

import com.groundwork.identity.TenantId;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Each tenant's daily token and cost budget for drafts. */
class DraftBudget {

	static final String TOKENS = "tokens-per-day";
	static final String COST = "cost-per-day";

	private final DraftRepository drafts;
	private final DraftingSettings settings;
	private final Clock clock;

	DraftBudget(DraftRepository drafts, DraftingSettings settings, Clock clock) {
		this.drafts = drafts;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * The share of the tightest budget still left today (1 when unlimited).
	 * @throws BudgetExceededException when a budget is used up
	 */
	double check(TenantId tenant, String tenantSlug) {
		var budget = settings.budgetOf(tenantSlug);
		if (budget.tokensPerDay() == null && budget.costPerDay() == null) {
			return 1;
		}
		var used = drafts.usage(tenant, today());
		double left = 1;
		if (budget.tokensPerDay() != null) {
			if (used.tokens() >= budget.tokensPerDay()) {
				throw new BudgetExceededException(tenantSlug, TOKENS, budget.tokensPerDay() + " tokens", secondsToReset());
			}
			left = Math.min(left, 1 - (double) used.tokens() / budget.tokensPerDay());
		}
		if (budget.costPerDay() != null) {
			if (used.cost().compareTo(budget.costPerDay()) >= 0) {
				throw new BudgetExceededException(tenantSlug, COST, budget.costPerDay().toPlainString(), secondsToReset());
			}
			left = Math.min(left, BigDecimal.ONE
				.subtract(used.cost().divide(budget.costPerDay(), 6, RoundingMode.HALF_UP)).doubleValue());
		}
		return left;
	}

	/** The budget as it stands, without throwing. */
	com.groundwork.drafting.DraftBudgetStatus status(TenantId tenant, String tenantSlug) {
		var resetsAt = today().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
		var budget = settings.budgetOf(tenantSlug);
		if (budget.tokensPerDay() == null && budget.costPerDay() == null) {
			return new com.groundwork.drafting.DraftBudgetStatus(1, null, null, false, null, resetsAt);
		}
		var used = drafts.usage(tenant, today());
		var tokensLeft = budget.tokensPerDay() == null ? null : Math.max(0, budget.tokensPerDay() - used.tokens());
		var costLeft = budget.costPerDay() == null ? null : budget.costPerDay().subtract(used.cost()).max(BigDecimal.ZERO);
		try {
			double share = Math.max(0, check(tenant, tenantSlug));
			return new com.groundwork.drafting.DraftBudgetStatus(share, tokensLeft, costLeft,
					share < settings.routing().offlineBelowBudgetShare(), null, resetsAt);
		}
		catch (BudgetExceededException usedUp) {
			return new com.groundwork.drafting.DraftBudgetStatus(0, tokensLeft, costLeft, true, usedUp.budget(), resetsAt);
		}
	}

	void spend(TenantId tenant, long tokens, BigDecimal cost) {
		drafts.addUsage(tenant, today(), tokens, cost);
	}

	private LocalDate today() {
		return LocalDate.now(clock.withZone(ZoneOffset.UTC));
	}

	private long secondsToReset() {
		var now = clock.instant();
		var midnight = today().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
		return Duration.between(now, midnight).toSeconds();
	}
}
