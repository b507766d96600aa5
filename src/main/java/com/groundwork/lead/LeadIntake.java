package com.groundwork.lead;

import com.groundwork.identity.TenantId;
import tools.jackson.databind.JsonNode;

/**
 * Leads handed over by another module as the contract a client sent (e.g. a draft request that carries its lead), so
 * that they are validated and stored exactly like {@code PUT /api/leads/{externalId}} would.
 */
public interface LeadIntake {

	/**
	 * Validates a lead in the contract (version 1 or 2, chosen by {@code schemaVersion}) and creates or updates it.
	 * @return the lead's external id
	 * @throws org.springframework.web.ErrorResponseException a 400 problem naming every field that breaks the contract
	 */
	String accept(TenantId tenant, JsonNode contract);
}
