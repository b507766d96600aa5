package com.groundwork.review.internal;

import static com.groundwork.review.internal.ReviewRepository.set;

import com.groundwork.guardrail.Guardrails;
import com.groundwork.identity.Actor;
import com.groundwork.identity.TenantId;
import com.groundwork.review.DraftApproved;
import com.groundwork.review.DraftRejected;
import com.groundwork.review.internal.ReviewProblems.EditRefusedException;
import com.groundwork.review.internal.ReviewProblems.IllegalTransitionException;
import com.groundwork.review.internal.ReviewProblems.InvalidReviewRequestException;
import com.groundwork.review.internal.ReviewProblems.SegregationOfDutiesException;
import com.groundwork.review.internal.ReviewRepository.Column;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

/**
 * What reviewers do: claim with a lease, approve (possibly after an edit the guardrails re-check), reject with a
 * reason, bulk-approve clean drafts. Each action reads the item, checks it in Java for a helpful answer, then changes
 * it with one versioned UPDATE that the database also checks; losing a race is a 409 naming the state it lost to.
 */
class ReviewService {

	private static final Logger log = LoggerFactory.getLogger(ReviewService.class);

	static final int MAX_SUBJECT = 300;
	static final int MAX_BODY = 20_000;
	static final int MAX_COMMENT = 2_000;

	private final ReviewRepository items;
	private final ReviewLookup lookup;
	private final Guardrails guardrails;
	private final ApplicationEventPublisher events;
	private final TransactionTemplate transactions;
	private final TransactionTemplate ownTransactions;
	private final ReviewSettings settings;
	private final Clock clock;
	private ObservationRegistry observations = ObservationRegistry.NOOP;

	ReviewService(ReviewRepository items, ReviewLookup lookup, Guardrails guardrails, ApplicationEventPublisher events,
			TransactionTemplate transactions, TransactionTemplate ownTransactions, ReviewSettings settings, Clock clock) {
		this.items = items;
		this.lookup = lookup;
		this.guardrails = guardrails;
		this.events = events;
		this.transactions = transactions;
		this.ownTransactions = ownTransactions;
		this.settings = settings;
		this.clock = clock;
	}

	List<ReviewItem> queue(TenantId tenant, ReviewRepository.QueueFilter filter, int limit) {
		var now = clock.instant();
		expireLeases(tenant, now);
		return items.queue(tenant, filter, now.minus(settings.sla()), limit);
	}

	ReviewItem item(TenantId tenant, UUID draftId) {
		return lookup.require(tenant, draftId, "reviewed");
	}

	/** Claims a draft for the lease time, or renews the caller's own lease. */
	ReviewItem claim(Actor actor, UUID draftId) {
		var tenant = actor.tenantId();
		var now = clock.instant();
		expireLeases(tenant, now);
		var item = lookup.require(tenant, draftId, "claimed");
		requireOtherThanRequester(item, actor);
		var until = now.plus(settings.lease());
		String action;
		if (item.leaseHeldBy(actor.name(), now)) {
			action = "RENEWED";
		}
		else if (item.state() == ReviewState.IN_REVIEW && !item.leaseExpired(now)) {
			throw IllegalTransitionException.claimedByAnother(draftId, String.valueOf(item.claimedBy()),
					item.leaseExpiresAt());
		}
		else if (item.state() == ReviewState.CHECKED || item.leaseExpired(now)) {
			action = "CLAIMED";
		}
		else {
			throw new IllegalTransitionException(draftId, item.state(), "claimed", ReviewLookup.hint(item.state()));
		}
		transactions.executeWithoutResult(status -> {
			if (!items.move(item, ReviewState.IN_REVIEW, now,
					set(Column.CLAIMED_BY, actor.name(), Column.LEASE_EXPIRES_AT, until))) {
				throw lostRace(tenant, draftId, "claimed");
			}
			items.insert(tenant, Decision.of(item, action, ReviewState.IN_REVIEW, actor.name(), now));
		});
		return reread(tenant, item);
	}

	/**
	 * Approves the claimed draft, as written or edited. An edit is re-checked by the guardrails first: findings of
	 * severity REPAIR or BLOCK that the draft did not have already refuse the approval (422, listing them).
	 */
	/** Decisions are observed (a timer and a span) as {@code groundwork.review.decision}, tagged tenant and decision. */
	void observedBy(ObservationRegistry observations) {
		this.observations = observations;
	}

	ReviewItem approve(Actor actor, UUID draftId, @Nullable String subject, @Nullable String body,
			@Nullable String comment) {
		return decision(actor, "APPROVED").observe(() -> approveObserved(actor, draftId, subject, body, comment));
	}

	ReviewItem reject(Actor actor, UUID draftId, @Nullable String reasonCode, @Nullable String comment) {
		return decision(actor, "REJECTED").observe(() -> rejectObserved(actor, draftId, reasonCode, comment));
	}

	private Observation decision(Actor actor, String decision) {
		return Observation.createNotStarted("groundwork.review.decision", observations)
			.lowCardinalityKeyValue("tenant", actor.tenantSlug())
			.lowCardinalityKeyValue("decision", decision);
	}

	private ReviewItem approveObserved(Actor actor, UUID draftId, @Nullable String subject, @Nullable String body,
			@Nullable String comment) {
		var tenant = actor.tenantId();
		var now = clock.instant();
		var item = lookup.require(tenant, draftId, "approved");
		requireOtherThanRequester(item, actor);
		requireLease(item, actor, now, "approved");
		var draft = lookup.draft(tenant, item.draftId());
		var finalSubject = subject == null ? draft.subject() : text("subject", subject, MAX_SUBJECT).strip();
		var originalBody = normalize(draft.body());
		var finalBody = body == null ? originalBody : normalize(text("body", body, MAX_BODY));
		if (finalSubject.isBlank() || finalSubject.contains("\n")) {
			throw new InvalidReviewRequestException("subject", "must be one non-empty line");
		}
		if (finalBody.isBlank()) {
			throw new InvalidReviewRequestException("body", "must not be empty");
		}
		var why = comment == null || comment.isBlank() ? null : text("comment", comment, MAX_COMMENT).strip();
		var original = findingsOf(tenant, item.draftId());
		boolean edited = !finalSubject.equals(draft.subject()) || !finalBody.equals(originalBody);
		if (edited) {
			var fresh = recheck(tenant, item, finalSubject, finalBody, draft.language()).stream()
				.filter(FindingView::blocksApproval)
				.filter(finding -> original.stream().noneMatch(finding::sameAs))
				.toList();
			if (!fresh.isEmpty()) {
				var refused = Decision.of(item, "EDIT_REFUSED", null, actor.name(), now)
					.why(null, why)
					.texts(draft.subject(), draft.body(), finalSubject, finalBody, null, 0)
					.withFindings(fresh);
				ownTransactions.executeWithoutResult(status -> items.insert(tenant, refused));
				throw new EditRefusedException(draftId, fresh);
			}
		}
		else if (original.stream().anyMatch(FindingView::blocksApproval) && why == null) {
			throw new InvalidReviewRequestException("comment", "this draft has findings that need repair ("
					+ String.join(", ", original.stream().filter(FindingView::blocksApproval).map(FindingView::ruleId).toList())
					+ "): edit it, or say in a comment why it may go as written");
		}
		var subjectDiff = WordDiff.between(draft.subject(), finalSubject);
		var bodyDiff = WordDiff.between(draft.body(), finalBody);
		int distance = subjectDiff.editDistance() + bodyDiff.editDistance();
		transactions.executeWithoutResult(status -> {
			approveInTransaction(actor, item, now, finalSubject, finalBody);
			items.insert(tenant, Decision.of(item, "APPROVED", ReviewState.APPROVED, actor.name(), now)
				.why(null, why)
				.texts(draft.subject(), draft.body(), finalSubject, finalBody,
						new Decision.Diff(subjectDiff.ops(), bodyDiff.ops()), distance));
			events.publishEvent(new DraftApproved(tenant, item.draftId(), item.leadExternalId(), actor.name(), edited,
					distance, now));
		});
		return reread(tenant, item);
	}

	private void approveInTransaction(Actor actor, ReviewItem item, Instant now, String subject, String body) {
		if (!items.move(item, ReviewState.APPROVED, now,
				set(Column.APPROVED_BY, actor.name(), Column.APPROVED_AT, now, Column.APPROVED_SUBJECT, subject,
						Column.APPROVED_BODY, body, Column.CLAIMED_BY, null, Column.LEASE_EXPIRES_AT, null))) {
			throw lostRace(item.tenant(), item.draftId(), "approved");
		}
	}

	/** What the guardrails say of an edit, before approving it: all findings, and those that would refuse it. */
	record Recheck(List<FindingView> findings, List<FindingView> blocking) {
	}

	/** Re-checks the claim holder's edit without approving it. */
	Recheck recheckEdit(Actor actor, UUID draftId, @Nullable String subject, @Nullable String body) {
		var tenant = actor.tenantId();
		var item = lookup.require(tenant, draftId, "re-checked");
		requireOtherThanRequester(item, actor);
		requireLease(item, actor, clock.instant(), "re-checked");
		var draft = lookup.draft(tenant, item.draftId());
		var finalSubject = subject == null ? draft.subject() : text("subject", subject, MAX_SUBJECT).strip();
		var finalBody = body == null ? normalize(draft.body()) : normalize(text("body", body, MAX_BODY));
		var original = findingsOf(tenant, item.draftId());
		var findings = recheck(tenant, item, finalSubject, finalBody, draft.language());
		return new Recheck(findings, findings.stream()
			.filter(FindingView::blocksApproval)
			.filter(finding -> original.stream().noneMatch(finding::sameAs))
			.toList());
	}

	/** Rejects the claimed draft with a configured reason; reasons that ask for rework regenerate it. */
	private ReviewItem rejectObserved(Actor actor, UUID draftId, @Nullable String reasonCode,
			@Nullable String comment) {
		var tenant = actor.tenantId();
		var now = clock.instant();
		var codes = String.join(", ", settings.reasons().stream().map(ReviewSettings.Reason::code).toList());
		if (reasonCode == null || reasonCode.isBlank()) {
			throw new InvalidReviewRequestException("reason", "is required; one of " + codes);
		}
		var reason = settings.reason(reasonCode.strip())
			.orElseThrow(() -> new InvalidReviewRequestException("reason",
					"'" + reasonCode + "' is not a rejection reason; use one of " + codes));
		var why = comment == null || comment.isBlank() ? null : text("comment", comment, MAX_COMMENT).strip();
		var item = lookup.require(tenant, draftId, "rejected");
		requireOtherThanRequester(item, actor);
		requireLease(item, actor, now, "rejected");
		// read back inside the transaction: the rework it may start runs as soon as it commits
		return java.util.Objects.requireNonNull(transactions.execute(status -> {
			if (!items.move(item, ReviewState.REJECTED, now, set(Column.REJECTION_REASON, reason.code(),
					Column.CLAIMED_BY, null, Column.LEASE_EXPIRES_AT, null))) {
				throw lostRace(tenant, draftId, "rejected");
			}
			items.insert(tenant,
					Decision.of(item, "REJECTED", ReviewState.REJECTED, actor.name(), now).why(reason.code(), why));
			events.publishEvent(new DraftRejected(tenant, item.draftId(), item.leadExternalId(), reason.code(), why,
					actor.name(), reason.rework(), now));
			return reread(tenant, item);
		}));
	}

	/** What a bulk approval did: the approved drafts, and every other one with why it was skipped. */
	record BulkResult(List<UUID> approved, List<Skipped> skipped) {
		record Skipped(UUID draftId, String state, String reason) {
		}
	}

	/**
	 * Approves, as written, each named draft that has no findings and that the caller may approve: waiting ones are
	 * claimed and approved in one transaction. Everything else is skipped and listed with its reason.
	 */
	BulkResult bulkApprove(Actor actor, @Nullable List<UUID> draftIds) {
		if (draftIds == null || draftIds.isEmpty()) {
			throw new InvalidReviewRequestException("draftIds", "name at least one draft");
		}
		if (draftIds.size() > settings.bulkLimit()) {
			throw new InvalidReviewRequestException("draftIds",
					"at most " + settings.bulkLimit() + " drafts per bulk approval; split the list");
		}
		if (draftIds.contains(null)) {
			throw new InvalidReviewRequestException("draftIds", "must not contain null");
		}
		var tenant = actor.tenantId();
		var now = clock.instant();
		expireLeases(tenant, now);
		var approved = new ArrayList<UUID>();
		var skipped = new ArrayList<BulkResult.Skipped>();
		for (var draftId : new LinkedHashSet<>(draftIds)) {
			try {
				var item = lookup.require(tenant, draftId, "approved");
				var why = bulkRefusal(item, actor, now);
				if (why != null) {
					skipped.add(new BulkResult.Skipped(draftId, item.state().name(), why));
					continue;
				}
				var draft = lookup.draft(tenant, item.draftId());
				transactions.executeWithoutResult(status -> {
					var claimed = item;
					if (item.state() == ReviewState.CHECKED) {
						if (!items.move(item, ReviewState.IN_REVIEW, now, set(Column.CLAIMED_BY, actor.name(),
								Column.LEASE_EXPIRES_AT, now.plus(settings.lease())))) {
							throw lostRace(tenant, draftId, "claimed");
						}
						items.insert(tenant, Decision.of(item, "CLAIMED", ReviewState.IN_REVIEW, actor.name(), now));
						claimed = reread(tenant, item);
					}
					approveInTransaction(actor, claimed, now, draft.subject(), draft.body());
					var unchanged = WordDiff.between(draft.body(), draft.body());
					items.insert(tenant, Decision.of(claimed, "APPROVED", ReviewState.APPROVED, actor.name(), now)
						.why(null, "bulk approval: no findings")
						.texts(draft.subject(), draft.body(), draft.subject(), draft.body(),
								new Decision.Diff(WordDiff.between(draft.subject(), draft.subject()).ops(), unchanged.ops()),
								0));
					events.publishEvent(new DraftApproved(tenant, item.draftId(), item.leadExternalId(), actor.name(),
							false, 0, now));
				});
				approved.add(draftId);
			}
			catch (ErrorResponseException refused) {
				var body = refused.getBody();
				var state = body.getProperties() == null ? null : body.getProperties().get("state");
				skipped.add(new BulkResult.Skipped(draftId, state == null ? "UNKNOWN" : String.valueOf(state),
						String.valueOf(body.getDetail())));
			}
		}
		return new BulkResult(approved, skipped);
	}

	private @Nullable String bulkRefusal(ReviewItem item, Actor actor, Instant now) {
		if (item.requestedBy().equals(actor.name())) {
			return "you requested it: its author or requester may not approve it";
		}
		if (item.findings() > 0 || !"PASSED".equals(item.verdict())) {
			return "it has " + item.findings() + " finding(s) (" + item.verdict()
					+ "): review it on its own; bulk approval takes only drafts without findings";
		}
		if (item.state() == ReviewState.CHECKED || item.leaseHeldBy(actor.name(), now)) {
			return null;
		}
		if (item.state() == ReviewState.IN_REVIEW) {
			return "claimed by " + item.claimedBy() + " until " + item.leaseExpiresAt();
		}
		return "it is " + item.state() + ": " + ReviewLookup.hint(item.state());
	}

	/** Returns the tenant's expired claims to the queue. */
	void expireLeases(TenantId tenant, Instant now) {
		for (var item : items.expiredLeases(tenant, now)) {
			try {
				transactions.executeWithoutResult(status -> {
					if (items.move(item, ReviewState.CHECKED, now,
							set(Column.CLAIMED_BY, null, Column.LEASE_EXPIRES_AT, null))) {
						items.insert(tenant, Decision.of(item, "LEASE_EXPIRED", ReviewState.CHECKED, "lease", now)
							.why(null, "claimed by " + item.claimedBy() + " until " + item.leaseExpiresAt()));
					}
				});
			}
			catch (RuntimeException raced) {
				log.debug("Lease of review item {} changed while expiring it: {}", item.id(), raced.toString());
			}
		}
	}

	/** Every background sweep: expired leases of all tenants. */
	void expireAllLeases() {
		var now = clock.instant();
		items.tenantsWithExpiredLeases(now).forEach(tenant -> expireLeases(tenant, now));
	}

	/** The findings recorded for a draft, as the reviewer sees them. */
	List<FindingView> findingsOf(TenantId tenant, UUID draftId) {
		return guardrails.verdictOf(tenant, draftId)
			.map(recorded -> recorded.verdict().findings().stream().map(FindingView::of).toList())
			.orElse(List.of());
	}

	/** The edit re-checked in the draft's language (ISO 639-1; empty keeps the recorded check's). */
	private List<FindingView> recheck(TenantId tenant, ReviewItem item, String subject, String body, String language) {
		try {
			return guardrails.recheck(tenant, item.draftId(), subject, body, language)
				.findings()
				.stream()
				.map(FindingView::of)
				.toList();
		}
		catch (NoSuchElementException unchecked) {
			throw new IllegalTransitionException(item.draftId(), ReviewState.GENERATED, "approved after an edit",
					"the guardrails have no recorded check of it to re-check the edit against");
		}
	}

	private static void requireOtherThanRequester(ReviewItem item, Actor actor) {
		if (item.requestedBy().equals(actor.name())) {
			throw new SegregationOfDutiesException(item.draftId(), actor.name());
		}
	}

	private static void requireLease(ReviewItem item, Actor actor, Instant now, String action) {
		if (item.leaseHeldBy(actor.name(), now)) {
			return;
		}
		if (item.state() == ReviewState.IN_REVIEW && actor.name().equals(item.claimedBy())) {
			throw new IllegalTransitionException(item.draftId(), item.state(), action,
					"your lease expired at " + item.leaseExpiresAt() + "; claim it again");
		}
		if (item.state() == ReviewState.IN_REVIEW && !item.leaseExpired(now)) {
			throw IllegalTransitionException.claimedByAnother(item.draftId(), String.valueOf(item.claimedBy()),
					item.leaseExpiresAt());
		}
		var state = item.leaseExpired(now) ? ReviewState.CHECKED : item.state();
		throw new IllegalTransitionException(item.draftId(), state, action, ReviewLookup.hint(state));
	}

	/** The 409 for a versioned update that found the item changed: names the state it is in now. */
	private IllegalTransitionException lostRace(TenantId tenant, UUID draftId, String action) {
		var current = items.findByDraft(tenant, draftId);
		if (current.isEmpty()) {
			return new IllegalTransitionException(draftId, ReviewState.REWORK, action, "it was replaced meanwhile");
		}
		var item = current.get();
		if (item.state() == ReviewState.IN_REVIEW) {
			return IllegalTransitionException.claimedByAnother(draftId, String.valueOf(item.claimedBy()),
					item.leaseExpiresAt());
		}
		return new IllegalTransitionException(draftId, item.state(), action,
				"it changed while you acted; " + ReviewLookup.hint(item.state()));
	}

	private ReviewItem reread(TenantId tenant, ReviewItem item) {
		return items.findById(tenant, item.id()).orElseThrow();
	}

	private static String text(String field, String value, int max) {
		if (value.length() > max) {
			throw new InvalidReviewRequestException(field, "is " + value.length() + " characters; at most " + max);
		}
		return value;
	}

	/** Line breaks as {@code \n}, no trailing blanks: an edit that changes only those is no edit. */
	static String normalize(String text) {
		return text.replace("\r\n", "\n").replace('\r', '\n').replaceAll("[ \\t]+\\n", "\n").strip();
	}
}
