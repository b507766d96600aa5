package com.groundwork.lead;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * There is no lead with this external id in the tenant. Also what another tenant's lead looks like. Answers 404 when
 * it reaches a controller.
 */
public class LeadNotFoundException extends ErrorResponseException {

	private final String externalId;

	public LeadNotFoundException(String externalId) {
		super(HttpStatus.NOT_FOUND, problem(externalId), null);
		this.externalId = externalId;
	}

	public String externalId() {
		return externalId;
	}

	private static ProblemDetail problem(String externalId) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
				"No lead with externalId '" + externalId + "' in your tenant; create it with PUT /api/leads/{externalId}");
		problem.setTitle("Lead not found");
		return problem;
	}
}
