package com.groundwork.lead.internal;

import com.groundwork.identity.TenantId;
import com.groundwork.lead.LeadErased;
import com.groundwork.lead.LeadPrivacy;
import com.groundwork.lead.internal.contract.LeadContracts;
import com.groundwork.lead.internal.features.SnapshotEncryption;
import com.groundwork.lead.internal.store.LeadRepository;
import java.time.Clock;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Leads by data subject: export and erasure. */
@Service
class LeadPrivacyService implements LeadPrivacy {

	private final LeadRepository leads;
	private final SnapshotEncryption snapshots;
	private final LeadContracts contracts;
	private final JsonMapper mapper;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	LeadPrivacyService(LeadRepository leads, SnapshotEncryption snapshots, LeadContracts contracts, JsonMapper mapper,
			ApplicationEventPublisher events, Clock clock) {
		this.leads = leads;
		this.snapshots = snapshots;
		this.contracts = contracts;
		this.mapper = mapper;
		this.events = events;
		this.clock = clock;
	}

	@Override
	@Transactional(readOnly = true)
	public List<SubjectLead> leadsOf(TenantId tenant, String email) {
		return leads.findByEmail(tenant, email)
			.stream()
			.map(lead -> new SubjectLead(lead.externalId(), lead.version(), lead.createdAt(), lead.updatedAt(),
					mapper.readTree(contracts.write(lead.lead())), snapshots.findForLead(tenant, lead.id())))
			.toList();
	}

	@Override
	@Transactional
	public List<String> erase(TenantId tenant, String email) {
		var found = leads.findByEmail(tenant, email);
		for (var lead : found) {
			leads.delete(tenant, lead.id());
			events.publishEvent(new LeadErased(tenant, lead.externalId(), clock.instant()));
		}
		return found.stream().map(lead -> lead.externalId()).toList();
	}
}
