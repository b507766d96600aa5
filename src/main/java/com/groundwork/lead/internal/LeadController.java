package com.groundwork.lead.internal;

import com.groundwork.identity.CurrentActor;
import com.groundwork.identity.Role;
import com.groundwork.lead.LeadNotFoundException;
import com.groundwork.lead.LeadUpserted.Origin;
import com.groundwork.lead.Suppressions;
import com.groundwork.lead.internal.contract.ContractViolatedException;
import com.groundwork.lead.internal.contract.LeadContracts;
import com.groundwork.lead.internal.contract.LeadPayload;
import com.groundwork.lead.internal.scoring.LeadScoresService;
import com.groundwork.lead.internal.store.LeadRepository;
import com.groundwork.lead.internal.store.StoredLead;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

/** Leads of the caller's tenant, by their CRM id. */
@Tag(name = "Leads")
@RestController
class LeadController {

	private final LeadContracts contracts;
	private final LeadService service;
	private final LeadRepository leads;
	private final LeadScoresService scores;
	private final Suppressions suppressions;
	private final CurrentActor currentActor;

	LeadController(LeadContracts contracts, LeadService service, LeadRepository leads, LeadScoresService scores,
			Suppressions suppressions, CurrentActor currentActor) {
		this.contracts = contracts;
		this.service = service;
		this.leads = leads;
		this.scores = scores;
		this.suppressions = suppressions;
		this.currentActor = currentActor;
	}

	@Operation(summary = "Create (201) or update (200) a lead; the body is lead contract v1 or v2, chosen by schemaVersion")
	@PutMapping("/api/leads/{externalId}")
	@RolesAllowed({ Role.Names.REP, Role.Names.MARKETER, Role.Names.ADMIN })
	ResponseEntity<LeadView> put(@PathVariable String externalId, @RequestBody LeadPayload payload) {
		var lead = contracts.accept(payload);
		if (!lead.id().equals(externalId)) {
			throw new ContractViolatedException("externalId",
					"'" + lead.id() + "' differs from the externalId in the path ('" + externalId + "'); they must be equal");
		}
		var upserted = service.upsert(currentActor.tenant(), lead, Origin.API);
		var status = upserted.result() == LeadService.Result.CREATED ? HttpStatus.CREATED : HttpStatus.OK;
		return ResponseEntity.status(status)
			.location(URI.create("/api/leads/" + UriUtils.encodePathSegment(externalId, java.nio.charset.StandardCharsets.UTF_8)))
			.body(view(upserted.lead()));
	}

	@Operation(summary = "A lead with its explainable score and whether its address is suppressed")
	@GetMapping("/api/leads/{externalId}")
	@RolesAllowed({ Role.Names.REP, Role.Names.MARKETER, Role.Names.ADMIN, Role.Names.REVIEWER, Role.Names.AUDITOR })
	LeadView get(@PathVariable String externalId) {
		return leads.find(currentActor.tenant(), externalId)
			.map(this::view)
			.orElseThrow(() -> new LeadNotFoundException(externalId));
	}

	private LeadView view(StoredLead stored) {
		return new LeadView(stored.externalId(), stored.version(), stored.lastSequence(), stored.createdAt(),
				stored.updatedAt(), suppressions.isSuppressed(stored.tenant(), stored.lead().requireContact().email()),
				scores.scoreOf(stored), stored.lead());
	}
}
