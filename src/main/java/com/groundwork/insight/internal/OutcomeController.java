package com.groundwork.insight.internal;

import com.groundwork.identity.CurrentActor;
import com.groundwork.identity.Role;
import com.groundwork.identity.WebhookSignature;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Outcomes of released drafts from the tenant's e-mail or CRM system, authenticated by API key and signed with the
 * tenant's outcome webhook secret (the scheme CRM events use). Idempotent by the sender's event id; the order of
 * arrival does not matter.
 */
@Tag(name = "Insights")
@RestController
class OutcomeController {

	private final CurrentActor currentActor;
	private final InsightSettings settings;
	private final OutcomeService outcomes;
	private final Clock clock;

	OutcomeController(CurrentActor currentActor, InsightSettings settings, OutcomeService outcomes, Clock clock) {
		this.currentActor = currentActor;
		this.settings = settings;
		this.outcomes = outcomes;
		this.clock = clock;
	}

	@Operation(summary = "Record an outcome of a released draft: {eventId, draftId, type, occurredAt, amount}; type is "
			+ "sent, opened, replied, meeting-booked, opportunity-created or unsubscribed; a repeated eventId is "
			+ "reported as DUPLICATE and changes nothing")
	@PostMapping("/api/outcomes")
	@RolesAllowed({ Role.Names.ADMIN, Role.Names.MARKETER })
	OutcomeService.Recorded receive(
			@Parameter(description = "t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<body>\"> with the tenant's outcome webhook secret")
			@RequestHeader(name = WebhookSignature.HEADER, required = false) @Nullable String signature,
			@RequestBody(required = false) byte @Nullable [] body) {
		var actor = currentActor.require();
		var raw = body == null ? new byte[0] : body;
		WebhookSignature.verify(signature, raw, settings.outcomes().webhookSecrets().get(actor.tenantSlug()),
				clock.instant(), settings.outcomes().signatureTolerance(),
				"groundwork.insight.outcomes.webhook-secrets." + actor.tenantSlug());
		return outcomes.record(actor, raw);
	}
}
