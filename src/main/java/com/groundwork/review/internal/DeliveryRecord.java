package com.groundwork.review.internal;

import com.groundwork.identity.TenantId;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A released draft on its way through one channel. {@link #id()} is the idempotency key the receiver sees on every
 * attempt.
 *
 * @param status {@code PENDING}, {@code SENDING}, {@code DELIVERED} or {@code DEAD} (dead-lettered)
 */
record DeliveryRecord(UUID id, TenantId tenant, UUID itemId, UUID draftId, String channel, String status,
		int attempts, Instant nextAttemptAt, @Nullable String lastError, Message payload, Instant createdAt,
		@Nullable Instant deliveredAt, long version) {

	/** What is delivered, fixed at release. */
	record Message(String tenantSlug, UUID draftId, String leadExternalId, String to, String subject, String body,
			String footer, String unsubscribeUrl, String approvedBy, Instant approvedAt, Instant releasedAt) {

		/** The body as sent: the approved text and the compliance footer. */
		String text() {
			return body.stripTrailing() + "\n\n-- \n" + footer;
		}
	}
}
