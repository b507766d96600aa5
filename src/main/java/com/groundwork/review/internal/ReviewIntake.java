package com.groundwork.review.internal;

import static com.groundwork.review.internal.ReviewRepository.set;

import com.groundwork.drafting.DraftOrder;
import com.groundwork.drafting.Drafts;
import com.groundwork.guardrail.DraftChecked;
import com.groundwork.guardrail.Guardrails;
import com.groundwork.identity.TenantId;
import com.groundwork.identity.Tenants;
import com.groundwork.review.DraftRejected;
import com.groundwork.review.internal.ReviewRepository.Column;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How drafts enter and re-enter the queue: every checked draft whose verdict is not BLOCKED becomes a CHECKED item
 * (blocked ones are kept as BLOCKED, never reviewable); a rejection whose reason asks for rework regenerates the draft
 * with the reason as guidance, and the regenerated draft's check moves the item from REWORK back to CHECKED.
 */
class ReviewIntake {

	private static final Logger log = LoggerFactory.getLogger(ReviewIntake.class);

	static final String GUARDRAILS = "guardrails";
	static final String REWORK = "rework";

	private final ReviewRepository items;
	private final Drafts drafts;
	private final Guardrails guardrails;
	private final Tenants tenants;
	private final TransactionTemplate ownTransactions;
	private final ReviewSettings settings;
	private final Clock clock;

	ReviewIntake(ReviewRepository items, Drafts drafts, Guardrails guardrails, Tenants tenants,
			TransactionTemplate ownTransactions, ReviewSettings settings, Clock clock) {
		this.items = items;
		this.drafts = drafts;
		this.guardrails = guardrails;
		this.tenants = tenants;
		this.ownTransactions = ownTransactions;
		this.settings = settings;
		this.clock = clock;
	}

	/** Runs in the listener's transaction. Idempotent: a repeated event changes nothing. */
	void checked(DraftChecked event) {
		var tenant = event.tenant();
		var now = clock.instant();
		var target = "BLOCKED".equals(event.verdict()) ? ReviewState.BLOCKED : ReviewState.CHECKED;
		var changes = set(Column.VERDICT, event.verdict(), Column.FINDINGS, event.findings(), Column.RULE_IDS,
				String.join(",", event.ruleIds()));
		var current = items.findByDraft(tenant, event.draftId());
		if (current.isPresent()) {
			var item = current.get();
			// a later verdict of a draft waiting in the queue (e.g. a policy change re-checked it)
			if (item.state() == ReviewState.CHECKED && items.move(item, target, now, changes)) {
				items.insert(tenant, Decision.of(item, "RECHECKED", target, GUARDRAILS, now)
					.why(null, "verdict " + event.verdict() + " with " + event.findings() + " finding(s)"));
			}
			return;
		}
		var reworked = items.findByReworkDraft(tenant, event.draftId());
		if (reworked.isPresent()) {
			var item = reworked.get();
			var draft = drafts.find(tenant, event.draftId());
			changes.put(Column.DRAFT_ID, event.draftId());
			changes.put(Column.REWORK_DRAFT_ID, null);
			draft.ifPresent(summary -> {
				changes.put(Column.LEAD_SCORE, summary.leadScore());
				changes.put(Column.EMAIL_SCORE, summary.score().valueIfScored());
			});
			if (items.move(item, target, now, changes)) {
				items.insert(tenant, new Decision(UUID.randomUUID(), item.id(), event.draftId(),
						target == ReviewState.BLOCKED ? "BLOCKED" : "ENQUEUED", item.state(), target, GUARDRAILS, now,
						null, "regenerated after rejection (" + item.rejectionReason() + "): verdict " + event.verdict(),
						null, null, null, null, null, null, List.of()));
			}
			return;
		}
		var draft = drafts.find(tenant, event.draftId());
		if (draft.isEmpty() || draft.get().shadowOf() != null || "FAILED".equals(draft.get().status())) {
			log.debug("Draft {} is not reviewable (unknown, shadow or failed); not queued", event.draftId());
			return;
		}
		var summary = draft.get();
		var item = new ReviewItem(summary.id(), tenant, summary.id(), target, 0, event.verdict(), event.findings(),
				event.ruleIds(), summary.leadExternalId(), summary.leadScore(), summary.angle(), summary.channel(),
				items.campaignOf(tenant, summary.id()).orElse(null), summary.requestedBy(), event.occurredAt(), now,
				null, null, null, null, null, null, null, null, null, null, null, summary.score().valueIfScored());
		items.insert(item);
		items.insert(tenant, new Decision(UUID.randomUUID(), item.id(), item.draftId(),
				target == ReviewState.BLOCKED ? "BLOCKED" : "ENQUEUED", ReviewState.GENERATED, target, GUARDRAILS, now,
				null, "verdict " + event.verdict() + " with " + event.findings() + " finding(s)", null, null, null, null,
				null, null, List.of()));
	}

	/**
	 * Regenerates a rejected draft with the reason (and the reviewer's comment, masked) as guidance. The new draft is
	 * generated inside the transaction that links it to the item, so its DraftChecked event, published in that
	 * transaction too, is only delivered once the link is there.
	 */
	void rework(DraftRejected event) {
		if (!event.rework()) {
			return;
		}
		var tenant = event.tenant();
		var rejected = items.findByDraft(tenant, event.draftId())
			.filter(item -> item.state() == ReviewState.REJECTED)
			.orElse(null);
		if (rejected == null) {
			return; // handled already
		}
		var now = clock.instant();
		Boolean started = ownTransactions.execute(status -> {
			if (!items.move(rejected, ReviewState.REWORK, now, set())) {
				return false;
			}
			items.insert(tenant, Decision.of(rejected, "REWORK", ReviewState.REWORK, REWORK, now)
				.why(event.reason(), "regenerating with the rejection reason as guidance"));
			return true;
		});
		if (!Boolean.TRUE.equals(started)) {
			return;
		}
		var reworking = items.findById(tenant, rejected.id()).orElseThrow();
		try {
			var original = drafts.find(tenant, rejected.draftId()).orElseThrow();
			var order = new DraftOrder(tenant, slugOf(tenant), rejected.requestedBy(), rejected.leadExternalId(),
					rejected.angle(), original.tone(), original.channel(), guidance(event));
			ownTransactions.executeWithoutResult(status -> {
				var regenerated = drafts.generate(order);
				if (!"GENERATED".equals(regenerated.status())) {
					throw new IllegalStateException("the regenerated draft failed: " + regenerated.failureReason());
				}
				if (!items.linkRework(reworking, regenerated.id(), clock.instant())) {
					throw new IllegalStateException("the item changed while it was being regenerated");
				}
				items.addDraft(tenant, regenerated.id(), rejected.id());
				items.campaignOf(tenant, rejected.draftId())
					.ifPresent(campaign -> items.label(tenant, regenerated.id(), campaign));
			});
		}
		catch (RuntimeException failed) {
			log.warn("Rework of draft {} failed: {}", event.draftId(), failed.toString());
			var message = failed.getMessage() == null ? failed.toString() : failed.getMessage();
			var error = message.length() > 900 ? message.substring(0, 900) : message;
			ownTransactions.executeWithoutResult(status -> {
				var item = items.findById(tenant, rejected.id()).orElseThrow();
				if (item.state() == ReviewState.REWORK && items.move(item, ReviewState.REJECTED, clock.instant(),
						set(Column.REWORK_ERROR, error, Column.REWORK_DRAFT_ID, null))) {
					items.insert(tenant, Decision.of(item, "REWORK_FAILED", ReviewState.REJECTED, REWORK, clock.instant())
						.why(event.reason(), error));
				}
			});
		}
	}

	/** What the model is told about the rejection: the reason's label and the reviewer's comment, masked. */
	private String guidance(DraftRejected event) {
		var label = settings.reason(event.reason()).map(ReviewSettings.Reason::label).orElse(event.reason());
		return event.comment() == null ? label : label + ". " + guardrails.mask(event.comment());
	}

	private String slugOf(TenantId tenant) {
		return tenants.slugOf(tenant).orElseThrow(() -> new IllegalStateException("unknown tenant " + tenant));
	}
}
