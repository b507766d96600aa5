package com.groundwork.campaign.internal;

import com.groundwork.campaign.internal.CampaignProblems.CampaignRequestProblem;
import com.groundwork.campaign.internal.CampaignProblems.NotJsonOrCsvException;
import com.groundwork.identity.CurrentActor;
import com.groundwork.identity.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** Bulk campaigns: create from JSON or CSV, follow (also as server-sent events), steer and export. */
@Tag(name = "Campaigns")
@RestController
class CampaignController {

	static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv");

	private final CampaignIntake intake;
	private final CampaignService campaigns;
	private final CampaignProgress progress;
	private final CampaignEvents events;
	private final CampaignExport export;
	private final CurrentActor currentActor;

	CampaignController(CampaignIntake intake, CampaignService campaigns, CampaignProgress progress,
			CampaignEvents events, CampaignExport export, CurrentActor currentActor) {
		this.intake = intake;
		this.campaigns = campaigns;
		this.progress = progress;
		this.events = events;
		this.export = export;
		this.currentActor = currentActor;
	}

	@Operation(summary = "Create a campaign: a JSON body {\"name\",\"angle\",\"promptVariant\",\"leads\":[…lead contract…]}, "
			+ "a multipart upload (fields name, angle, promptVariant, CSV in 'file') or a text/csv body with "
			+ "?name=…&angle=…; streamed, up to 100,000 leads. Answers 201 with the campaign and a row-level report "
			+ "of the leads refused (valid ones proceed). With an Idempotency-Key header, the same key and body answer "
			+ "the same campaign (200), another body 422")
	@PostMapping("/api/campaigns")
	@RolesAllowed({ Role.Names.MARKETER, Role.Names.ADMIN })
	ResponseEntity<CampaignView> create(@RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key,
			@RequestParam(required = false) @Nullable String name, @RequestParam(required = false) @Nullable String angle,
			@RequestParam(required = false) @Nullable String promptVariant,
			@RequestParam(name = "file", required = false) @Nullable MultipartFile file, HttpServletRequest request)
			throws IOException {
		var actor = currentActor.require();
		var description = new CampaignIntake.Description(name, angle, blankToNull(promptVariant));
		var type = request.getContentType() == null ? null : MediaType.parseMediaType(request.getContentType());
		CampaignIntake.Created created;
		if (type != null && MediaType.MULTIPART_FORM_DATA.includes(type)) {
			if (file == null) {
				throw new CampaignRequestProblem("file", "is missing: send the CSV of leads in the multipart field 'file'");
			}
			try (var csv = file.getInputStream()) {
				created = intake.fromCsv(actor, key, description, csv, StandardCharsets.UTF_8);
			}
		}
		else if (type != null && TEXT_CSV.includes(type)) {
			try (var csv = request.getInputStream()) {
				created = intake.fromCsv(actor, key, description, csv,
						type.getCharset() == null ? StandardCharsets.UTF_8 : type.getCharset());
			}
		}
		else if (type != null && (MediaType.APPLICATION_JSON.includes(type) || type.getSubtype().endsWith("+json"))) {
			try (var json = request.getInputStream()) {
				created = intake.fromJson(actor, key, json);
			}
		}
		else {
			throw new NotJsonOrCsvException(type);
		}
		var view = progress.view(created.campaign(), true);
		var response = ResponseEntity.status(created.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
			.location(URI.create("/api/campaigns/" + view.id()));
		if (created.replayed()) {
			response.header("Idempotent-Replayed", "true");
		}
		return response.body(view);
	}

	@Operation(summary = "The tenant's campaigns, newest first, with their counts per state")
	@GetMapping("/api/campaigns")
	@RolesAllowed({ Role.Names.MARKETER, Role.Names.ADMIN })
	List<CampaignView> list(@RequestParam(defaultValue = "50") int limit) {
		if (limit < 1 || limit > 500) {
			throw new CampaignRequestProblem("limit", "must be between 1 and 500");
		}
		return campaigns.list(currentActor.tenant(), limit).stream().map(c -> progress.view(c, false)).toList();
	}

	@Operation(summary = "A campaign: counts per state, throughput, time left, tokens and cost so far, blocked and "
			+ "failed reasons, and the import's row-level report")
	@GetMapping("/api/campaigns/{id}")
	@RolesAllowed({ Role.Names.MARKETER, Role.Names.ADMIN })
	CampaignView get(@PathVariable UUID id) {
		return progress.view(campaigns.get(currentActor.tenant(), id), true);
	}

	@Operation(summary = "Server-sent events: 'progress' (the campaign as GET answers it) every second, then 'completed' "
			+ "once every item is terminal")
	@GetMapping(path = "/api/campaigns/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@RolesAllowed({ Role.Names.MARKETER, Role.Names.ADMIN })
	SseEmitter events(@PathVariable UUID id) {
		return events.follow(campaigns.get(currentActor.tenant(), id));
	}

	@Operation(summary = "Stop claiming new items; items in progress finish")
	@PostMapping("/api/campaigns/{id}/pause")
	@RolesAllowed({ Role.Names.MARKETER, Role.Names.ADMIN })
	CampaignView pause(@PathVariable UUID id) {
		return progress.view(campaigns.pause(currentActor.tenant(), id), true);
	}

	@Operation(summary = "Go on with a paused campaign")
	@PostMapping("/api/campaigns/{id}/resume")
	@RolesAllowed({ Role.Names.MARKETER, Role.Names.ADMIN })
	CampaignView resume(@PathVariable UUID id) {
		return progress.view(campaigns.resume(currentActor.tenant(), id), true);
	}

	@Operation(summary = "Cancel the pending items (CANCELLED); items in progress finish with their own outcome")
	@PostMapping("/api/campaigns/{id}/cancel")
	@RolesAllowed({ Role.Names.MARKETER, Role.Names.ADMIN })
	CampaignView cancel(@PathVariable UUID id) {
		return progress.view(campaigns.cancel(currentActor.require(), id), true);
	}

	@Operation(summary = "Every item with its state, reason, verdict, findings and draft (subject, body), as CSV "
			+ "(format=csv, the default) or JSON (format=json), streamed")
	@GetMapping("/api/campaigns/{id}/export")
	@RolesAllowed({ Role.Names.MARKETER, Role.Names.ADMIN })
	ResponseEntity<StreamingResponseBody> export(@PathVariable UUID id,
			@RequestParam(defaultValue = "csv") String format) {
		var tenant = currentActor.tenant();
		var campaign = campaigns.get(tenant, id);
		var kind = format.toLowerCase(Locale.ROOT);
		if (!kind.equals("csv") && !kind.equals("json")) {
			throw new CampaignRequestProblem("format", "'" + format + "' is not an export format; use csv or json");
		}
		StreamingResponseBody body = out -> {
			if (kind.equals("csv")) {
				export.csv(tenant, campaign.id(), out);
			}
			else {
				export.json(tenant, campaign.id(), out);
			}
		};
		return ResponseEntity.ok()
			.contentType(kind.equals("csv") ? new MediaType(TEXT_CSV, StandardCharsets.UTF_8) : MediaType.APPLICATION_JSON)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("campaign-" + campaign.id() + "." + kind).build().toString())
			.body(body);
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}
}
