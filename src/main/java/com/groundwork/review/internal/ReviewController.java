package com.groundwork.review.internal;

import com.groundwork.identity.CurrentActor;
import com.groundwork.identity.Role;
import com.groundwork.review.internal.ReviewProblems.InvalidReviewRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The review queue for reviewers' tools: claim, approve (or edit and approve), reject, release, bulk-approve. */
@Tag(name = "Review")
@RestController
@RolesAllowed({ Role.Names.REVIEWER, Role.Names.ADMIN })
class ReviewController {

	private final ReviewService reviews;
	private final ReleaseService releases;
	private final ReviewRepository items;
	private final com.groundwork.drafting.Drafts drafts;
	private final CurrentActor currentActor;
	private final ReviewSettings settings;
	private final Clock clock;

	ReviewController(ReviewService reviews, ReleaseService releases, ReviewRepository items,
			com.groundwork.drafting.Drafts drafts, CurrentActor currentActor, ReviewSettings settings, Clock clock) {
		this.reviews = reviews;
		this.releases = releases;
		this.items = items;
		this.drafts = drafts;
		this.currentActor = currentActor;
		this.settings = settings;
		this.clock = clock;
	}

	@Operation(summary = "The queue: drafts waiting for review or claimed, overdue ones (older than the SLA) first, "
			+ "then by lead score (sort=priority, the default), or by email score (sort=score: best first; "
			+ "sort=score-asc: lowest first; unscored drafts last); filter by campaign, verdict (PASSED, NEEDS_REPAIR) "
			+ "and angle, or ask for other states")
	@GetMapping("/api/review/queue")
	ReviewViews.Queue queue(@RequestParam(required = false) @Nullable String campaign,
			@RequestParam(required = false) @Nullable String verdict,
			@RequestParam(required = false) @Nullable String angle,
			@RequestParam(required = false) @Nullable String state,
			@RequestParam(required = false) @Nullable String sort,
			@RequestParam(required = false, defaultValue = "100") int limit) {
		if (limit < 1 || limit > 500) {
			throw new InvalidReviewRequestException("limit", "must be between 1 and 500");
		}
		var filter = filter(state, campaign, verdict, angle, sort);
		var now = clock.instant();
		var queue = reviews.queue(currentActor.tenant(), filter, limit)
			.stream()
			.map(item -> ReviewViews.QueueItem.of(item, now, settings.sla()))
			.toList();
		return new ReviewViews.Queue(queue, queue.size(), settings.sla().toString());
	}

	@Operation(summary = "The rejection reasons reviewers choose from (code, label, whether it regenerates the draft)")
	@GetMapping("/api/review/reasons")
	List<ReviewSettings.Reason> reasons() {
		return settings.reasons();
	}

	@Operation(summary = "A draft's review: state, lease, findings, the approved text, the decision log (who, when, "
			+ "why, word diff and edit distance) and the deliveries")
	@GetMapping("/api/review/{draftId}")
	ReviewViews.Item get(@PathVariable UUID draftId) {
		try {
			return view(reviews.item(currentActor.tenant(), draftId));
		}
		catch (ReviewProblems.IllegalTransitionException notQueued) {
			// a draft whose check has not reached the queue yet (or never will: failed, shadow) is GENERATED
			var draft = drafts.find(currentActor.tenant(), draftId).orElseThrow(() -> notQueued);
			return ReviewViews.generated(draft, clock.instant());
		}
	}

	@Operation(summary = "Claim a draft for the lease time (default 10 minutes); claiming it again renews the lease")
	@PostMapping("/api/review/{draftId}/claim")
	ReviewViews.Item claim(@PathVariable UUID draftId) {
		return view(reviews.claim(currentActor.require(), draftId));
	}

	@Operation(summary = "Approve the claimed draft, as written or with an edited subject and/or body (re-checked by "
			+ "the guardrails: new findings of severity REPAIR or BLOCK refuse it with 422); the author or requester "
			+ "of a draft may not approve it (403)")
	@PostMapping("/api/review/{draftId}/approve")
	ReviewViews.Item approve(@PathVariable UUID draftId,
			@RequestBody(required = false) ReviewRequests.@Nullable Approve request) {
		var approve = request == null ? new ReviewRequests.Approve(null, null, null) : request;
		return view(reviews.approve(currentActor.require(), draftId, approve.subject(), approve.body(),
				approve.comment()));
	}

	@Operation(summary = "Reject the claimed draft with a reason (GET /api/review/reasons) and an optional comment; "
			+ "reasons that ask for rework regenerate it with the reason as guidance")
	@PostMapping("/api/review/{draftId}/reject")
	ReviewViews.Item reject(@PathVariable UUID draftId, @RequestBody ReviewRequests.Reject request) {
		return view(reviews.reject(currentActor.require(), draftId, request.reason(), request.comment()));
	}

	@Operation(summary = "Release an approved draft: suppression and consent are checked again (a refusal blocks it, "
			+ "422), then it is delivered through the tenant's signed webhook and/or SMTP")
	@PostMapping("/api/review/{draftId}/release")
	ReviewViews.Item release(@PathVariable UUID draftId) {
		var release = releases.release(currentActor.require(), draftId);
		return view(release.item());
	}

	@Operation(summary = "Deliver a released draft's dead-lettered deliveries again")
	@PostMapping("/api/review/{draftId}/redeliver")
	ReviewViews.Item redeliver(@PathVariable UUID draftId) {
		return view(releases.redeliver(currentActor.require(), draftId).item());
	}

	@Operation(summary = "Approve several drafts as written: only those without findings that you may approve; the "
			+ "others are skipped and listed with the reason")
	@PostMapping("/api/review/bulk-approve")
	ReviewViews.Bulk bulkApprove(@RequestBody ReviewRequests.BulkApprove request) {
		var result = reviews.bulkApprove(currentActor.require(), request.draftIds());
		return new ReviewViews.Bulk(result.approved(), result.skipped());
	}

	private ReviewViews.Item view(ReviewItem item) {
		return ReviewViews.Item.of(item, clock.instant(), reviews.findingsOf(item.tenant(), item.draftId()),
				items.decisions(item.tenant(), item.id()), releases.deliveriesOf(item));
	}

	static ReviewRepository.QueueFilter filter(@Nullable String state, @Nullable String campaign,
			@Nullable String verdict, @Nullable String angle, @Nullable String sort) {
		var order = ReviewRepository.QueueOrder.PRIORITY;
		if (sort != null && !sort.isBlank()) {
			order = ReviewRepository.QueueOrder.of(sort.strip().toLowerCase(Locale.ROOT))
				.orElseThrow(() -> new InvalidReviewRequestException("sort",
						"'" + sort + "' is not an order; use priority, score or score-asc"));
		}
		var states = new ArrayList<ReviewState>();
		if (state == null || state.isBlank()) {
			states.addAll(List.of(ReviewState.CHECKED, ReviewState.IN_REVIEW));
		}
		else {
			for (var name : state.split(",")) {
				try {
					states.add(ReviewState.valueOf(name.strip().toUpperCase(Locale.ROOT)));
				}
				catch (IllegalArgumentException unknown) {
					throw new InvalidReviewRequestException("state", "'" + name.strip() + "' is not a review state; use "
							+ String.join(", ", Arrays.stream(ReviewState.values()).map(Enum::name).toList()));
				}
			}
		}
		var verdictName = blankToNull(verdict);
		if (verdictName != null) {
			verdictName = verdictName.toUpperCase(Locale.ROOT);
			if (!List.of("PASSED", "NEEDS_REPAIR", "BLOCKED").contains(verdictName)) {
				throw new InvalidReviewRequestException("verdict",
						"'" + verdict + "' is not a verdict; use PASSED, NEEDS_REPAIR or BLOCKED");
			}
		}
		return new ReviewRepository.QueueFilter(states, blankToNull(campaign), verdictName, blankToNull(angle), order);
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}
}
