package com.groundwork.review.internal;

import com.groundwork.review.internal.WebhookSender.DeliveryFailedException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox: each attempt takes its delivery with a versioned update (one sender per attempt, across
 * instances), calls the channel, and records the outcome: delivered; or due again after
 * {@code initial-backoff × 2^(failures−1)} (at most {@code max-backoff}); or, after {@code max-attempts} failures,
 * dead-lettered until someone redelivers it.
 */
class DeliveryDispatcher {

	private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);

	private final DeliveryRepository deliveries;
	private final WebhookSender webhooks;
	private final MailSender mail;
	private final OutboxSender outbox;
	private final ReviewSettings settings;
	private final Clock clock;

	DeliveryDispatcher(DeliveryRepository deliveries, WebhookSender webhooks, MailSender mail, OutboxSender outbox,
			ReviewSettings settings, Clock clock) {
		this.deliveries = deliveries;
		this.webhooks = webhooks;
		this.mail = mail;
		this.outbox = outbox;
		this.settings = settings;
		this.clock = clock;
	}

	/** One attempt now, unless another sender has the delivery. */
	void attempt(DeliveryRecord delivery) {
		var policy = settings.delivery();
		// the attempt's deadline: past it, a sender that died mid-attempt no longer holds the delivery
		var now = clock.instant();
		if (!deliveries.take(delivery, now, now.plus(policy.timeout().multipliedBy(3)))) {
			return;
		}
		int attempt = delivery.attempts() + 1;
		try {
			send(delivery, attempt);
			deliveries.delivered(delivery.id(), attempt, clock.instant());
		}
		catch (DeliveryFailedException | RuntimeException failed) {
			var error = failed.getMessage() == null ? failed.toString() : failed.getMessage();
			var next = attempt >= policy.maxAttempts() ? null : clock.instant().plus(policy.backoffAfter(attempt));
			deliveries.failed(delivery.id(), attempt, error, next);
			if (next == null) {
				log.warn("Delivery {} of draft {} by {} dead-lettered after {} attempts: {}", delivery.id(),
						delivery.draftId(), delivery.channel(), attempt, error);
			}
			else {
				log.info("Delivery {} of draft {} by {} failed (attempt {}), next at {}: {}", delivery.id(),
						delivery.draftId(), delivery.channel(), attempt, next, error);
			}
		}
	}

	/** Every due delivery of every tenant (the scheduled sweep). */
	void sendDue() {
		for (var delivery : deliveries.due(clock.instant(), 50)) {
			attempt(delivery);
		}
	}

	private void send(DeliveryRecord delivery, int attempt) throws DeliveryFailedException {
		var channels = settings.channelsOf(delivery.payload().tenantSlug());
		switch (delivery.channel()) {
			case "webhook" -> {
				if (channels.webhook() == null) {
					throw new DeliveryFailedException("tenant '" + delivery.payload().tenantSlug()
							+ "' no longer has a webhook channel (groundwork.review.channels.<tenant>.webhook)");
				}
				webhooks.send(delivery, channels.webhook(), attempt);
			}
			case "smtp" -> {
				if (channels.mail() == null) {
					throw new DeliveryFailedException("tenant '" + delivery.payload().tenantSlug()
							+ "' no longer has a mail channel (groundwork.review.channels.<tenant>.mail)");
				}
				mail.send(delivery, channels.mail());
			}
			case "outbox" -> {
				if (channels.outbox() == null || !channels.outbox().enabled()) {
					throw new DeliveryFailedException("tenant '" + delivery.payload().tenantSlug()
							+ "' no longer has the outbox channel (groundwork.review.channels.<tenant>.outbox.enabled)");
				}
				outbox.send(delivery, channels.outbox(), channels.mail());
			}
			default -> throw new DeliveryFailedException("unknown channel " + delivery.channel());
		}
	}
}
