package com.groundwork.identity.internal;

import com.groundwork.identity.Actor;
import com.groundwork.identity.CurrentActor;
import com.groundwork.identity.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who am I: lets a client check its key or session and see its tenant and roles. */
@Tag(name = "Identity")
@RestController
class MeController {

	private final CurrentActor currentActor;

	MeController(CurrentActor currentActor) {
		this.currentActor = currentActor;
	}

	@Operation(summary = "The caller: kind, name, tenant and roles")
	@GetMapping("/api/me")
	@RolesAllowed({ Role.Names.REP, Role.Names.MARKETER, Role.Names.REVIEWER, Role.Names.ADMIN, Role.Names.AUDITOR })
	Actor me() {
		return currentActor.require();
	}
}
