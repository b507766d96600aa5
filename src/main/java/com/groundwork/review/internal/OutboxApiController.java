package com.groundwork.review.internal;

import com.groundwork.identity.CurrentActor;
import com.groundwork.identity.Role;
import com.groundwork.review.internal.ReviewProblems.InvalidReviewRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The outbox channel's messages for tools: what the tenant released, as it would have arrived. */
@Tag(name = "Review")
@RestController
@RolesAllowed({ Role.Names.REVIEWER, Role.Names.ADMIN, Role.Names.MARKETER, Role.Names.REP })
class OutboxApiController {

	private final OutboxRepository outbox;
	private final CurrentActor currentActor;

	OutboxApiController(OutboxRepository outbox, CurrentActor currentActor) {
		this.outbox = outbox;
		this.currentActor = currentActor;
	}

	record Listing(List<OutboxView> items, long total) {
	}

	@Operation(summary = "The tenant's outbox, newest first: each released mail with From, To, subject, text, "
			+ "CAN-SPAM footer, List-Unsubscribe headers and the link of its .eml file")
	@GetMapping("/api/outbox")
	Listing list(@RequestParam(required = false, defaultValue = "50") int limit) {
		if (limit < 1 || limit > 500) {
			throw new InvalidReviewRequestException("limit", "must be between 1 and 500");
		}
		var tenant = currentActor.tenant();
		return new Listing(outbox.latest(tenant, limit).stream().map(OutboxView::of).toList(), outbox.count(tenant));
	}
}
