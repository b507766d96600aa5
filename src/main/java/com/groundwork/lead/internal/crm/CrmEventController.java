package com.groundwork.lead.internal.crm;

import com.groundwork.identity.CurrentActor;
import com.groundwork.identity.Role;
import com.groundwork.identity.WebhookSignature;
import com.groundwork.lead.internal.LeadService;
import com.groundwork.lead.internal.LeadService.SequenceOutcome;
import com.groundwork.lead.internal.contract.ContractViolatedException;
import com.groundwork.lead.internal.contract.FieldProblem;
import com.groundwork.lead.internal.contract.LeadContracts;
import com.groundwork.lead.internal.contract.LeadV2;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * CRM change events for the caller's tenant, authenticated by API key and signed with the tenant's webhook secret.
 * Each event carries the lead's sequence number, so retries and reordering are harmless.
 */
@Tag(name = "Leads")
@RestController
class CrmEventController {

	/** Fields an event may not change: they identify the lead and its contract version. */
	private static final Set<String> FIXED = Set.of("schemaVersion", "externalId");

	private static final Set<String> CHANGEABLE = Set.copyOf(LeadContracts.fieldPaths(LeadV2.class)
		.stream()
		.filter(path -> !FIXED.contains(path))
		.toList());

	private final CurrentActor currentActor;
	private final CrmSettings settings;
	private final LeadContracts contracts;
	private final LeadService service;
	private final JsonMapper mapper;
	private final Clock clock;

	CrmEventController(CurrentActor currentActor, CrmSettings settings, LeadContracts contracts, LeadService service,
			JsonMapper mapper, Clock clock) {
		this.currentActor = currentActor;
		this.settings = settings;
		this.contracts = contracts;
		this.service = service;
		this.mapper = mapper;
		this.clock = clock;
	}

	@Operation(summary = "Apply a CRM change event: {externalId, sequence, occurredAt, changes: {\"crm.stage\": \"SQL\"}}; "
			+ "duplicates and older sequences are ignored and reported as such")
	@PostMapping("/api/crm/events")
	@RolesAllowed({ Role.Names.ADMIN, Role.Names.MARKETER })
	CrmEventResult receive(
			@Parameter(description = "t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<body>\"> with the tenant's webhook secret")
			@RequestHeader(name = WebhookSignature.HEADER, required = false) @Nullable String signature,
			@RequestBody(required = false) byte @Nullable [] body) {
		var actor = currentActor.require();
		var raw = body == null ? new byte[0] : body;
		WebhookSignature.verify(signature, raw, settings.webhookSecrets().get(actor.tenantSlug()), clock.instant(),
				settings.signatureTolerance(), "groundwork.crm.webhook-secrets." + actor.tenantSlug());
		var event = read(raw);
		var sequenced = service.applySequenced(actor.tenantId(), event.externalId(), event.sequence(),
				lead -> apply(lead, event.changes()));
		var lead = sequenced.lead();
		var detail = switch (sequenced.outcome()) {
			case APPLIED -> "applied";
			case DUPLICATE -> "sequence " + event.sequence() + " was already applied; ignored";
			case OUT_OF_ORDER -> "sequence " + event.sequence() + " is older than the last applied sequence "
					+ lead.lastSequence() + "; ignored";
		};
		return new CrmEventResult(lead.externalId(), event.sequence(), sequenced.outcome(), lead.version(),
				lead.lastSequence(), detail);
	}

	private CrmEvent read(byte[] body) {
		JsonNode tree;
		try {
			tree = mapper.readTree(body);
		}
		catch (JacksonException ex) {
			throw new ContractViolatedException("body", "is not valid JSON: " + ex.getOriginalMessage());
		}
		if (tree == null || !tree.isObject()) {
			throw new ContractViolatedException("body", "must be a JSON object: {externalId, sequence, changes}");
		}
		var event = contracts.read(tree, CrmEvent.class);
		var problems = contracts.validate(event);
		if (!problems.isEmpty()) {
			throw new ContractViolatedException(problems);
		}
		return event;
	}

	/** The lead with the event's changes, checked against the contract; problems are named {@code changes.<path>}. */
	private LeadV2 apply(LeadV2 lead, Map<String, JsonNode> changes) {
		var problems = new ArrayList<FieldProblem>();
		var tree = (ObjectNode) contracts.toTree(lead);
		for (var change : changes.entrySet()) {
			var path = change.getKey();
			if (!CHANGEABLE.contains(path)) {
				problems.add(new FieldProblem("changes." + path, FIXED.contains(path) ? "cannot be changed by an event"
						: "is not a field of lead contract v2; fields are flattened paths such as crm.stage or consent.status"));
				continue;
			}
			var parts = path.split("\\.");
			var node = tree;
			for (int i = 0; i < parts.length - 1; i++) {
				node = node.get(parts[i]) instanceof ObjectNode object ? object : node.putObject(parts[i]);
			}
			var value = change.getValue();
			if (value == null || value.isNull()) {
				node.remove(parts[parts.length - 1]);
			}
			else {
				node.set(parts[parts.length - 1], value);
			}
		}
		if (!problems.isEmpty()) {
			throw new ContractViolatedException(problems);
		}
		try {
			return contracts.accept(tree);
		}
		catch (ContractViolatedException invalid) {
			throw invalid.prefixed("changes.");
		}
	}
}
