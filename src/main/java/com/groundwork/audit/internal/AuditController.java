package com.groundwork.audit.internal;

import com.groundwork.audit.ChainVerification;
import com.groundwork.identity.CurrentActor;
import com.groundwork.identity.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The tenant's audit trail: verification, filtered pages, single entries and a JSON-lines export. */
@Tag(name = "Audit", description = "Hash-chained audit trail")
@RestController
@RequestMapping("/api/audit")
@RolesAllowed({ Role.Names.AUDITOR, Role.Names.ADMIN })
class AuditController {

	private final AuditService audit;
	private final AuditRepository entries;
	private final CurrentActor currentActor;
	private final JsonMapper mapper;

	AuditController(AuditService audit, AuditRepository entries, CurrentActor currentActor, JsonMapper mapper) {
		this.audit = audit;
		this.entries = entries;
		this.currentActor = currentActor;
		this.mapper = mapper;
	}

	@Operation(summary = "Recompute the tenant's hash chain: {valid, entries, firstBrokenAt, reason}")
	@GetMapping("/verify")
	ChainVerification verify() {
		return audit.verify(currentActor.tenant());
	}

	@Operation(summary = "Audit entries, newest first, filtered by action (prefix with *), actor, target, request id and time")
	@GetMapping("/events")
	AuditPage events(@RequestParam(required = false) @Size(max = 80) @Nullable String action,
			@RequestParam(required = false) @Size(max = 200) @Nullable String actor,
			@RequestParam(required = false) @Size(max = 40) @Nullable String targetType,
			@RequestParam(required = false) @Size(max = 200) @Nullable String targetId,
			@RequestParam(required = false) @Size(max = 64) @Nullable String requestId,
			@RequestParam(required = false) @Nullable Instant from, @RequestParam(required = false) @Nullable Instant to,
			@RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
			@RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
		var tenant = currentActor.tenant();
		var filter = new AuditFilter(action, actor, targetType, targetId, requestId, from, to);
		var items = entries.page(tenant, filter, page, size).stream().map(this::view).toList();
		return new AuditPage(items, page, size, entries.count(tenant, filter));
	}

	@Operation(summary = "One audit entry of the tenant")
	@GetMapping("/events/{id}")
	AuditEventView event(@PathVariable UUID id) {
		return entries.find(currentActor.tenant(), id).map(this::view).orElseThrow(() -> notFound(id));
	}

	@Operation(summary = "Every matching entry, oldest first, as JSON lines (application/x-ndjson); the export is itself audited")
	@GetMapping(value = "/export", produces = "application/x-ndjson")
	void export(@RequestParam(required = false) @Size(max = 80) @Nullable String action,
			@RequestParam(required = false) @Size(max = 200) @Nullable String actor,
			@RequestParam(required = false) @Size(max = 40) @Nullable String targetType,
			@RequestParam(required = false) @Size(max = 200) @Nullable String targetId,
			@RequestParam(required = false) @Nullable Instant from, @RequestParam(required = false) @Nullable Instant to,
			HttpServletResponse response) throws IOException {
		var tenant = currentActor.tenant();
		var filter = new AuditFilter(action, actor, targetType, targetId, null, from, to);
		audit.append(tenant, AuditRecord.of("audit.exported", "audit", tenant.toString(), null,
				Map.of("filter", String.valueOf(filter))));
		response.setContentType("application/x-ndjson");
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit.jsonl\"");
		var out = response.getOutputStream();
		entries.stream(tenant, filter, entry -> {
			try {
				out.write(mapper.writeValueAsBytes(view(entry)));
				out.write('\n');
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		out.flush();
	}

	private AuditEventView view(AuditEntry entry) {
		return new AuditEventView(entry.id(), entry.seq(), entry.occurredAt(), entry.actorKind(), entry.actor(),
				entry.action(), entry.targetType(), entry.targetId(), entry.requestId(), entry.subjectRef(),
				mapper.readTree(entry.details()), entry.erased(), entry.prevHash(), entry.hash());
	}

	private static ErrorResponseException notFound(UUID id) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No audit entry with id " + id + " in your tenant");
		problem.setTitle("Audit entry not found");
		return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
	}

	/** An audit entry as the API shows it; {@code erased} entries carry a tombstone instead of their details. */
	record AuditEventView(UUID id, long seq, Instant occurredAt, String actorKind, String actor, String action,
			String targetType, String targetId, @Nullable String requestId, @Nullable String subjectRef,
			JsonNode details, boolean erased, String prevHash, String hash) {
	}

	record AuditPage(List<AuditEventView> items, int page, int size, long total) {
	}
}
