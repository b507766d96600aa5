package com.groundwork.lead.internal.contract;

import com.groundwork.identity.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The published JSON Schemas (draft 2020-12) of the lead contract, one per supported version. */
@Tag(name = "Leads")
@RestController
@RolesAllowed({ Role.Names.REP, Role.Names.MARKETER, Role.Names.REVIEWER, Role.Names.ADMIN, Role.Names.AUDITOR })
class ContractController {

	static final MediaType SCHEMA_JSON = MediaType.parseMediaType("application/schema+json");

	@Operation(summary = "JSON Schema of lead contract version 1")
	@GetMapping("/api/contracts/lead/v1")
	ResponseEntity<Resource> leadV1() {
		return schema(1);
	}

	@Operation(summary = "JSON Schema of lead contract version 2, the stored form")
	@GetMapping("/api/contracts/lead/v2")
	ResponseEntity<Resource> leadV2() {
		return schema(2);
	}

	private static ResponseEntity<Resource> schema(int version) {
		return ResponseEntity.ok().contentType(SCHEMA_JSON).body(new ClassPathResource(schemaLocation(version)));
	}

	/** Where the schema of a contract version lives on the class path. */
	static String schemaLocation(int version) {
		return "contracts/lead-v" + version + ".schema.json";
	}
}
