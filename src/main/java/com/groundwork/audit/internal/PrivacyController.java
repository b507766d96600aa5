package com.groundwork.audit.internal;

import com.groundwork.audit.internal.PrivacyService.SubjectErased;
import com.groundwork.audit.internal.PrivacyService.SubjectExport;
import com.groundwork.identity.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** GDPR requests of a data subject, named by their address. */
@Tag(name = "Privacy", description = "GDPR access and erasure by data subject")
@RestController
class PrivacyController {

	private final PrivacyService privacy;

	PrivacyController(PrivacyService privacy) {
		this.privacy = privacy;
	}

	@Operation(summary = "Everything the tenant holds about the address: leads, feature snapshots, drafts and audit entries")
	@GetMapping("/api/privacy/subjects/{email}/export")
	@RolesAllowed({ Role.Names.ADMIN, Role.Names.AUDITOR })
	SubjectExport export(@PathVariable @Email @Size(max = 254) String email) {
		return privacy.export(email);
	}

	@Operation(summary = "Erase the address's personal data: leads, snapshots, drafts, caches; suppress it (as a hash); tombstone its audit entries")
	@DeleteMapping("/api/privacy/subjects/{email}")
	@RolesAllowed(Role.Names.ADMIN)
	SubjectErased erase(@PathVariable @Email @Size(max = 254) String email) {
		return privacy.erase(email);
	}
}
