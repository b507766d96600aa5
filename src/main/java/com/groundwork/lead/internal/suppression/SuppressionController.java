package com.groundwork.lead.internal.suppression;

import com.groundwork.identity.CurrentActor;
import com.groundwork.identity.Role;
import com.groundwork.lead.Suppressions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Adds addresses to the tenant's do-not-contact list (an opt-out received outside the CRM, a legal request). */
@Tag(name = "Leads")
@RestController
class SuppressionController {

	private final Suppressions suppressions;
	private final SuppressionRepository list;
	private final CurrentActor currentActor;

	SuppressionController(Suppressions suppressions, SuppressionRepository list, CurrentActor currentActor) {
		this.suppressions = suppressions;
		this.list = list;
		this.currentActor = currentActor;
	}

	@Operation(summary = "The tenant's do-not-contact list, newest first: address hashes with reason, source and time")
	@GetMapping("/api/suppressions")
	@RolesAllowed({ Role.Names.MARKETER, Role.Names.ADMIN, Role.Names.AUDITOR })
	SuppressionPage list(@RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
			@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size) {
		var tenant = currentActor.tenant();
		return new SuppressionPage(list.list(tenant, page, size), page, size, list.count(tenant));
	}

	record SuppressionPage(java.util.List<SuppressionRepository.Entry> items, int page, int size, long total) {
	}

	@Operation(summary = "Suppress an address: no draft is generated or released for it (201 added, 200 already listed)")
	@PostMapping("/api/suppressions")
	@RolesAllowed({ Role.Names.MARKETER, Role.Names.ADMIN })
	ResponseEntity<Suppressed> suppress(@Valid @RequestBody NewSuppression request) {
		var actor = currentActor.require();
		boolean added = suppressions.suppress(actor.tenantId(), request.email(), request.reason(), actor.name());
		return ResponseEntity.status(added ? HttpStatus.CREATED : HttpStatus.OK)
			.body(new Suppressed(EmailHashes.hash(request.email()), request.reason(), added));
	}

	record NewSuppression(@NotBlank @Email @Size(max = 254) String email,
			@NotBlank @Pattern(regexp = "[a-z][a-z0-9-]{1,39}", message = "must be a short lower-case reason such as unsubscribed, bounced or legal-request") String reason) {
	}

	/** The answer names the hash, never echoes the address. */
	record Suppressed(String emailHash, String reason, boolean added) {
	}
}
