package com.groundwork.lead.internal.features;

import com.groundwork.identity.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The feature registry, so reviewers and integrators can see what a lead's features mean and who may see them. */
@Tag(name = "Leads")
@RestController
class FeatureController {

	private final FeatureRegistry registry;

	FeatureController(FeatureRegistry registry) {
		this.registry = registry;
	}

	@Operation(summary = "Registered lead features, every version: type, source, PII class, allowed for generation, freshness")
	@GetMapping("/api/features")
	@RolesAllowed({ Role.Names.REP, Role.Names.MARKETER, Role.Names.REVIEWER, Role.Names.ADMIN, Role.Names.AUDITOR })
	List<FeatureDefinition> features() {
		return registry.all();
	}
}
