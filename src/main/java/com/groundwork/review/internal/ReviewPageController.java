package com.groundwork.review.internal;

import com.groundwork.drafting.Drafts;
import com.groundwork.identity.Actor;
import com.groundwork.identity.CurrentActor;
import com.groundwork.identity.Role;
import com.groundwork.lead.LeadFeatures;
import com.groundwork.lead.LeadNotFoundException;
import com.groundwork.lead.LeadScores;
import com.groundwork.review.internal.ReviewProblems.DraftNotFoundException;
import com.groundwork.review.internal.ReviewProblems.EditRefusedException;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The review pages: the queue (polled by htmx, filterable, bulk approval of clean drafts) and the draft view with
 * its three panes and the reviewer's actions, each answering the view's workspace fragment (with the problem, if
 * the action was refused).
 */
@Controller
@RolesAllowed({ Role.Names.REVIEWER, Role.Names.ADMIN })
class ReviewPageController {

	private static final String WORKSPACE = "review/draft :: workspace";

	private final ReviewService reviews;
	private final ReleaseService releases;
	private final ReviewRepository items;
	private final Drafts drafts;
	private final LeadFeatures leadFeatures;
	private final LeadScores leadScores;
	private final CurrentActor currentActor;
	private final ReviewSettings settings;
	private final Clock clock;

	ReviewPageController(ReviewService reviews, ReleaseService releases, ReviewRepository items, Drafts drafts,
			LeadFeatures leadFeatures, LeadScores leadScores, CurrentActor currentActor, ReviewSettings settings,
			Clock clock) {
		this.reviews = reviews;
		this.releases = releases;
		this.items = items;
		this.drafts = drafts;
		this.leadFeatures = leadFeatures;
		this.leadScores = leadScores;
		this.currentActor = currentActor;
		this.settings = settings;
		this.clock = clock;
	}

	@GetMapping("/review")
	String queuePage(@RequestParam(required = false) @Nullable String campaign,
			@RequestParam(required = false) @Nullable String verdict,
			@RequestParam(required = false) @Nullable String angle,
			@RequestParam(required = false) @Nullable String sort, Model model) {
		queue(campaign, verdict, angle, sort, model);
		return "review/queue";
	}

	@GetMapping("/review/queue")
	String queueFragment(@RequestParam(required = false) @Nullable String campaign,
			@RequestParam(required = false) @Nullable String verdict,
			@RequestParam(required = false) @Nullable String angle,
			@RequestParam(required = false) @Nullable String sort, Model model) {
		queue(campaign, verdict, angle, sort, model);
		return "review/queue :: queue";
	}

	@PostMapping("/review/bulk-approve")
	String bulkApprove(@RequestParam(name = "draftIds", required = false) @Nullable List<UUID> draftIds,
			@RequestParam(required = false) @Nullable String campaign,
			@RequestParam(required = false) @Nullable String verdict,
			@RequestParam(required = false) @Nullable String angle,
			@RequestParam(required = false) @Nullable String sort, Model model) {
		try {
			model.addAttribute("bulk", reviews.bulkApprove(currentActor.require(), draftIds));
		}
		catch (ErrorResponseException refused) {
			model.addAttribute("problem", refused.getBody().getDetail());
		}
		queue(campaign, verdict, angle, sort, model);
		return "review/queue :: queue";
	}

	private void queue(@Nullable String campaign, @Nullable String verdict, @Nullable String angle,
			@Nullable String sort, Model model) {
		var actor = currentActor.require();
		var now = clock.instant();
		try {
			var filter = ReviewController.filter(null, campaign, verdict, angle, sort);
			model.addAttribute("items", reviews.queue(actor.tenantId(), filter, 200)
				.stream()
				.map(item -> ReviewViews.QueueItem.of(item, now, settings.sla()))
				.toList());
		}
		catch (ErrorResponseException refused) {
			model.addAttribute("items", List.of());
			model.addAttribute("problem", refused.getBody().getDetail());
		}
		model.addAttribute("campaign", campaign == null ? "" : campaign);
		model.addAttribute("verdict", verdict == null ? "" : verdict);
		model.addAttribute("angle", angle == null ? "" : angle);
		model.addAttribute("sort", sort == null ? "" : sort);
		model.addAttribute("me", actor.name());
		model.addAttribute("refreshSeconds", Math.max(1, settings.queueRefresh().toSeconds()));
	}

	@GetMapping("/review/{draftId}")
	String draftPage(@PathVariable UUID draftId, Model model) {
		workspace(draftId, model);
		return "review/draft";
	}

	@PostMapping("/review/{draftId}/claim")
	String claim(@PathVariable UUID draftId, Model model) {
		return act(draftId, model, () -> reviews.claim(currentActor.require(), draftId));
	}

	@PostMapping("/review/{draftId}/recheck")
	String recheck(@PathVariable UUID draftId, @RequestParam(required = false) @Nullable String subject,
			@RequestParam(required = false) @Nullable String body, Model model) {
		requireDraft(draftId);
		model.addAttribute("editing", true);
		model.addAttribute("editSubject", subject);
		model.addAttribute("editBody", body);
		return act(draftId, model, () -> {
			var recheck = reviews.recheckEdit(currentActor.require(), draftId, subject, body);
			model.addAttribute("recheck", recheck);
			return null;
		});
	}

	@PostMapping("/review/{draftId}/approve")
	String approve(@PathVariable UUID draftId, @RequestParam(required = false) @Nullable String subject,
			@RequestParam(required = false) @Nullable String body,
			@RequestParam(required = false) @Nullable String comment, Model model) {
		requireDraft(draftId);
		try {
			reviews.approve(currentActor.require(), draftId, blankToNull(subject), blankToNull(body), comment);
		}
		catch (EditRefusedException refused) {
			model.addAttribute("editing", true);
			model.addAttribute("editSubject", subject);
			model.addAttribute("editBody", body);
			model.addAttribute("refused", refused.findings());
			model.addAttribute("problem", refused.getBody().getDetail());
		}
		catch (ErrorResponseException refused) {
			model.addAttribute("problem", refused.getBody().getDetail());
		}
		workspace(draftId, model);
		return WORKSPACE;
	}

	@PostMapping("/review/{draftId}/reject")
	String reject(@PathVariable UUID draftId, @RequestParam(required = false) @Nullable String reason,
			@RequestParam(required = false) @Nullable String comment, Model model) {
		requireDraft(draftId);
		return act(draftId, model, () -> reviews.reject(currentActor.require(), draftId, reason, comment));
	}

	@PostMapping("/review/{draftId}/release")
	String release(@PathVariable UUID draftId, Model model) {
		return act(draftId, model, () -> releases.release(currentActor.require(), draftId));
	}

	@PostMapping("/review/{draftId}/redeliver")
	String redeliver(@PathVariable UUID draftId, Model model) {
		return act(draftId, model, () -> releases.redeliver(currentActor.require(), draftId));
	}

	/** Runs an action; a refusal becomes the workspace's problem message, never an error page. */
	private String act(UUID draftId, Model model, Supplier<@Nullable Object> action) {
		requireDraft(draftId);
		try {
			action.get();
		}
		catch (ErrorResponseException refused) {
			model.addAttribute("problem", refused.getBody().getDetail());
		}
		workspace(draftId, model);
		return WORKSPACE;
	}

	/** Another tenant's draft is a 404 before anything else happens. */
	private void requireDraft(UUID draftId) {
		var tenant = currentActor.tenant();
		if (drafts.find(tenant, draftId).isEmpty()) {
			throw new DraftNotFoundException(draftId);
		}
	}

	private void workspace(UUID draftId, Model model) {
		Actor actor = currentActor.require();
		var tenant = actor.tenantId();
		var item = items.findByDraft(tenant, draftId).or(() -> items.findByAnyDraft(tenant, draftId)).orElse(null);
		var shownDraft = item == null ? draftId : item.draftId();
		var draft = drafts.find(tenant, shownDraft).orElseThrow(() -> new DraftNotFoundException(draftId));
		var snapshot = leadFeatures.findSnapshot(tenant, UUID.fromString(draft.featureSnapshot().substring(0, 36)))
			.orElse(null);
		com.groundwork.lead.LeadScore score;
		try {
			score = leadScores.scoreOf(tenant, draft.leadExternalId());
		}
		catch (LeadNotFoundException gone) {
			score = null;
		}
		var page = DraftPage.of(draft, item, reviews.findingsOf(tenant, shownDraft), snapshot, score,
				item == null ? List.of() : items.decisions(tenant, item.id()),
				item == null ? List.of() : releases.deliveriesOf(item), actor.name(), clock.instant());
		model.addAttribute("page", page);
		model.addAttribute("reasons", settings.reasons());
		model.addAttribute("superseded", item != null && !item.draftId().equals(draftId));
		model.addAttribute("requestedDraftId", draftId);
		if (!model.containsAttribute("editSubject")) {
			model.addAttribute("editSubject", draft.subject());
			model.addAttribute("editBody", draft.body());
		}
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return value == null || value.isBlank() ? null : value;
	}
}
