package com.groundwork.drafting.internal;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The tenant's daily drafting budget is used up; answers 429 naming the budget. */
class BudgetExceededException extends ErrorResponseException {

	private final String budget;

	BudgetExceededException(String tenantSlug, String budget, String limit, long secondsToReset) {
		super(HttpStatus.TOO_MANY_REQUESTS, problem(tenantSlug, budget, limit), null);
		this.budget = budget;
		getHeaders().set("Retry-After", Long.toString(Math.max(1, secondsToReset)));
	}

	/** {@code tokens-per-day} or {@code cost-per-day}. */
	String budget() {
		return budget;
	}

	private static ProblemDetail problem(String tenantSlug, String budget, String limit) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
				"The daily drafting budget '" + budget + "' of tenant " + tenantSlug + " (" + limit
						+ ") is used up until midnight UTC; raise groundwork.drafting.budgets." + tenantSlug + "." + budget
						+ " or wait");
		problem.setTitle("Drafting budget exceeded");
		problem.setProperty("budget", budget);
		problem.setProperty("limit", limit);
		return problem;
	}
}
