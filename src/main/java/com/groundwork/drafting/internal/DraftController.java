package com.groundwork.drafting.internal;

import com.groundwork.identity.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Grounded drafts for one lead at a time. */
@Tag(name = "Drafts")
@RestController
class DraftController {

	private final DraftService drafts;

	DraftController(DraftService drafts) {
		this.drafts = drafts;
	}

	@Operation(summary = "Write a grounded, cited draft for a lead (given in the lead contract, or by leadExternalId) "
			+ "and an angle: intro, follow-up, case-study, event-invite or re-engagement; it carries its guardrail "
			+ "verdict (PASSED, NEEDS_REPAIR, BLOCKED) and findings")
	@PostMapping("/api/drafts")
	@RolesAllowed({ Role.Names.REP, Role.Names.MARKETER, Role.Names.ADMIN })
	ResponseEntity<DraftView> create(@RequestBody DraftRequest request) {
		var draft = drafts.create(request, GenerationRequest.Channel.API);
		return ResponseEntity.status(HttpStatus.CREATED)
			.location(URI.create("/api/drafts/" + draft.id()))
			.body(DraftView.of(draft, drafts.verdictOf(draft), true));
	}

	@Operation(summary = "A draft with its citations and provenance (prompt, model, passages, feature snapshot, cost)")
	@GetMapping("/api/drafts/{id}")
	@RolesAllowed({ Role.Names.REP, Role.Names.MARKETER, Role.Names.ADMIN, Role.Names.REVIEWER, Role.Names.AUDITOR })
	DraftView get(@PathVariable UUID id) {
		var draft = drafts.find(id);
		return DraftView.of(draft, drafts.verdictOf(draft), true);
	}
}
