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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Adds addresses to the tenant's do-not-contact list (an opt-out received outside the CRM, a legal request). */
@Tag(name = "Leads")
@RestController
class SuppressionController {

	private final Suppressions suppressions;
	private final CurrentActor currentActor;

	SuppressionController(Suppressions suppressions, CurrentActor currentActor) {
		this.suppressions = suppressions;
		this.currentActor = currentActor;
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
