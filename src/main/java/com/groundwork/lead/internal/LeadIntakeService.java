package com.groundwork.lead.internal;

import com.groundwork.identity.TenantId;
import com.groundwork.lead.LeadIntake;
import com.groundwork.lead.LeadUpserted.Origin;
import com.groundwork.lead.internal.contract.LeadContracts;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/** Validates and upserts a lead that arrives inside another module's request. */
@Service
class LeadIntakeService implements LeadIntake {

	private final LeadContracts contracts;
	private final LeadService service;

	LeadIntakeService(LeadContracts contracts, LeadService service) {
		this.contracts = contracts;
		this.service = service;
	}

	@Override
	public String accept(TenantId tenant, JsonNode contract) {
		var lead = contracts.accept(contract);
		return service.upsert(tenant, lead, Origin.API).lead().externalId();
	}
}
