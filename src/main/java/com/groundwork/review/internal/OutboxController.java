package com.groundwork.review.internal;

import com.groundwork.identity.CurrentActor;
import com.groundwork.identity.Role;
import jakarta.annotation.security.RolesAllowed;
import java.util.EnumSet;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The outbox page: the tenant's released mail as it would arrive (From, To, subject, text, CAN-SPAM footer, RFC 8058
 * headers), each downloadable as the {@code .eml} file SMTP would have sent.
 */
@Controller
@RolesAllowed({ Role.Names.REVIEWER, Role.Names.ADMIN, Role.Names.MARKETER, Role.Names.REP })
class OutboxController {

	static final int PAGE_SIZE = 50;

	private final OutboxRepository outbox;
	private final ReviewSettings settings;
	private final CurrentActor currentActor;

	OutboxController(OutboxRepository outbox, ReviewSettings settings, CurrentActor currentActor) {
		this.outbox = outbox;
		this.settings = settings;
		this.currentActor = currentActor;
	}

	@GetMapping("/outbox")
	String page(Model model) {
		var actor = currentActor.require();
		model.addAttribute("messages", outbox.latest(actor.tenantId(), PAGE_SIZE).stream().map(OutboxView::of).toList());
		model.addAttribute("total", outbox.count(actor.tenantId()));
		model.addAttribute("enabled", settings.channelsOf(actor.tenantSlug()).names().contains("outbox"));
		model.addAttribute("tenant", actor.tenantSlug());
		model.addAttribute("reviewer", actor.hasAnyRole(EnumSet.of(Role.REVIEWER, Role.ADMIN)));
		return "review/outbox";
	}

	@GetMapping("/outbox/{id}.eml")
	ResponseEntity<byte[]> eml(@PathVariable UUID id) {
		var message = outbox.find(currentActor.tenant(), id).orElseThrow(() -> notFound(id));
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("message/rfc822"))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(id + ".eml").build().toString())
			.body(message.bytes());
	}

	static ErrorResponseException notFound(UUID id) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
				"id: no outbox message " + id + " in your tenant; GET /api/outbox lists them");
		problem.setTitle("Outbox message not found");
		return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
	}
}
