package com.groundwork.review.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** What the review API answers. */
final class ReviewViews {

	private ReviewViews() {
	}

	/** @param score the lead score when the draft was written (the queue's second ordering key) */
	record Lead(String externalId, int score) {
	}

	/**
	 * One queue entry.
	 *
	 * @param findings how many guardrail findings the draft has
	 * @param age how long the outreach has waited (ISO-8601), the SLA clock; {@code overdue} past the SLA
	 */
	record QueueItem(UUID draftId, String state, String verdict, int findings, List<String> ruleIds, Lead lead,
			String angle, String channel, @Nullable String campaign, String requestedBy, Instant queuedAt, String age,
			long ageSeconds, boolean overdue, @Nullable String claimedBy, @Nullable Instant leaseExpiresAt,
			long version, @Nullable String rejectionReason, @Nullable Integer emailScore) {

		static QueueItem of(ReviewItem item, Instant now, Duration sla) {
			var age = item.age(now);
			return new QueueItem(item.draftId(), item.state().name(), item.verdict(), item.findings(), item.ruleIds(),
					new Lead(item.leadExternalId(), item.leadScore()), item.angle(), item.channel(), item.campaign(),
					item.requestedBy(), item.queuedAt(), Duration.ofSeconds(age.toSeconds()).toString(),
					age.toSeconds(), age.compareTo(sla) >= 0, item.claimedBy(), item.leaseExpiresAt(), item.version(),
					item.rejectionReason(), item.emailScore());
		}
	}

	record Queue(List<QueueItem> items, int count, String sla) {
	}

	/** A delivery of a released draft, without the message (it holds the recipient's address). */
	record Delivery(UUID id, String channel, String status, int attempts, Instant nextAttemptAt,
			@Nullable String lastError, @Nullable Instant deliveredAt) {

		static Delivery of(DeliveryRecord record) {
			return new Delivery(record.id(), record.channel(), record.status(), record.attempts(),
					record.nextAttemptAt(), record.lastError(), record.deliveredAt());
		}
	}

	/**
	 * An item in detail: where it is, the approved text, its decision log and deliveries.
	 *
	 */
	record Item(UUID draftId, UUID itemId, String state, long version, String verdict, int findings,
			List<String> ruleIds, Lead lead, String angle, String channel, @Nullable String campaign, String requestedBy,
			Instant queuedAt, String age, @Nullable String claimedBy, @Nullable Instant leaseExpiresAt,
			@Nullable String approvedBy, @Nullable Instant approvedAt, @Nullable String subject, @Nullable String body,
			@Nullable Instant releasedAt, @Nullable String rejectionReason, @Nullable UUID reworkDraftId,
			@Nullable String reworkError, List<FindingView> findingDetails, List<Decision> decisions,
			List<Delivery> deliveries) {

		static Item of(ReviewItem item, Instant now, List<FindingView> findings, List<Decision> decisions,
				List<DeliveryRecord> deliveries) {
			return new Item(item.draftId(), item.id(), item.state().name(), item.version(), item.verdict(),
					item.findings(), item.ruleIds(), new Lead(item.leadExternalId(), item.leadScore()), item.angle(),
					item.channel(), item.campaign(), item.requestedBy(), item.queuedAt(),
					Duration.ofSeconds(item.age(now).toSeconds()).toString(), item.claimedBy(), item.leaseExpiresAt(),
					item.approvedBy(), item.approvedAt(), item.approvedSubject(), item.approvedBody(),
					item.releasedAt(), item.rejectionReason(), item.reworkDraftId(), item.reworkError(), findings,
					decisions, deliveries.stream().map(Delivery::of).toList());
		}
	}

	/** The view of a draft that is not in review (yet). */
	static Item generated(com.groundwork.drafting.DraftSummary draft, Instant now) {
		var age = Duration.between(draft.createdAt(), now);
		return new Item(draft.id(), draft.id(), ReviewState.GENERATED.name(), 0, "PENDING", 0, List.of(),
				new Lead(draft.leadExternalId(), draft.leadScore()), draft.angle(), draft.channel(), null,
				draft.requestedBy(), draft.createdAt(), Duration.ofSeconds(Math.max(0, age.toSeconds())).toString(), null,
				null, null, null, null, null, null, null, null, null, List.of(), List.of(), List.of());
	}

	record Bulk(List<UUID> approved, List<ReviewService.BulkResult.Skipped> skipped) {
	}
}
