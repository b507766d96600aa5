package com.groundwork.review.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Review settings (documented in README.md, "Configuration").
 *
 * @param lease how long a claim holds a draft; claiming it again renews the lease
 * @param sla drafts older than this in the queue come first, oldest first; the rest by lead score
 * @param sweepInterval how often expired leases are returned to the queue (the queue and claims also do it on read)
 * @param queueRefresh how often the review page polls the queue
 * @param bulkLimit drafts one bulk approval may name at most
 * @param reasons the rejection reasons reviewers choose from
 * @param unsubscribe the one-click unsubscribe link of released mail
 * @param delivery retries of deliveries, for every channel
 * @param channels the delivery channels per tenant slug: a signed webhook, SMTP and/or the outbox
 */
@ConfigurationProperties("groundwork.review")
record ReviewSettings(@DefaultValue("10m") Duration lease, @DefaultValue("4h") Duration sla,
		@DefaultValue("15s") Duration sweepInterval, @DefaultValue("3s") Duration queueRefresh,
		@DefaultValue("500") int bulkLimit, @DefaultValue List<Reason> reasons, @DefaultValue Unsubscribe unsubscribe,
		@DefaultValue Delivery delivery, @DefaultValue Map<String, Channels> channels) {

	ReviewSettings {
		if (lease.isNegative() || lease.isZero()) {
			throw new IllegalArgumentException("groundwork.review.lease must be positive");
		}
		if (reasons.isEmpty()) {
			throw new IllegalArgumentException(
					"groundwork.review.reasons must list at least one rejection reason (code, label, rework)");
		}
		if (reasons.stream().map(Reason::code).distinct().count() != reasons.size()) {
			throw new IllegalArgumentException("groundwork.review.reasons: each code may appear once");
		}
		reasons = List.copyOf(reasons);
		channels = Map.copyOf(channels);
	}

	Optional<Reason> reason(String code) {
		return reasons.stream().filter(reason -> reason.code().equals(code)).findFirst();
	}

	Channels channelsOf(String tenantSlug) {
		return channels.getOrDefault(tenantSlug, new Channels(null, null, null));
	}

	/**
	 * @param code what the API takes, e.g. {@code inaccurate-claim}
	 * @param label what reviewers read, and what a rework passes to the model as guidance
	 * @param rework whether a rejection for this reason regenerates the draft with the reason as guidance
	 */
	record Reason(String code, String label, @DefaultValue("true") boolean rework) {
		Reason {
			if (code == null || !code.matches("[a-z0-9][a-z0-9-]{0,39}")) {
				throw new IllegalArgumentException("groundwork.review.reasons: code '" + code
						+ "' must be lower-case letters, digits and dashes, at most 40");
			}
			if (label == null || label.isBlank()) {
				throw new IllegalArgumentException("groundwork.review.reasons: reason '" + code + "' needs a label");
			}
		}
	}

	/**
	 * @param baseUrl where recipients reach the service: the link is {@code <baseUrl>/unsubscribe?token=…}; RFC 8058
	 * needs https for mail (empty: {@code groundwork.web.public-url}, else http://localhost and the port)
	 * @param secret signs the tokens in the links (HMAC-SHA256), at least 16 characters
	 */
	record Unsubscribe(@DefaultValue("") String baseUrl, @DefaultValue("") String secret) {
	}

	/**
	 * @param maxAttempts a delivery failing this often is dead-lettered (redeliver it from the review page)
	 * @param initialBackoff wait before the second attempt, doubled for each further one
	 * @param maxBackoff the longest wait between attempts
	 * @param timeout for one attempt (connect and answer)
	 * @param pollInterval how often due deliveries are looked for
	 */
	record Delivery(@DefaultValue("5") int maxAttempts, @DefaultValue("30s") Duration initialBackoff,
			@DefaultValue("1h") Duration maxBackoff, @DefaultValue("10s") Duration timeout,
			@DefaultValue("5s") Duration pollInterval) {

		Delivery {
			if (maxAttempts < 1) {
				throw new IllegalArgumentException("groundwork.review.delivery.max-attempts must be at least 1");
			}
		}

		/** The wait after the given number of failed attempts: initial × 2^(failures−1), at most maxBackoff. */
		Duration backoffAfter(int failures) {
			var wait = initialBackoff.multipliedBy(1L << Math.min(Math.max(failures - 1, 0), 20));
			return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
		}
	}

	/** A tenant's delivery channels; any may be absent. */
	record Channels(@Nullable Webhook webhook, @Nullable Mail mail, @Nullable Outbox outbox) {

		List<String> names() {
			var names = new java.util.ArrayList<String>();
			if (webhook != null) {
				names.add("webhook");
			}
			if (mail != null) {
				names.add("smtp");
			}
			if (outbox != null && outbox.enabled()) {
				names.add("outbox");
			}
			return names;
		}
	}

	/**
	 * @param url where released drafts are POSTed
	 * @param secret signs each delivery: {@code X-Groundwork-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
	 * "<t>.<body>">}
	 */
	record Webhook(String url, String secret) {
		Webhook {
			if (url == null || !url.matches("https?://.+")) {
				throw new IllegalArgumentException("groundwork.review.channels.<tenant>.webhook.url must be an http(s) URL");
			}
			if (secret == null || secret.length() < 16) {
				throw new IllegalArgumentException(
						"groundwork.review.channels.<tenant>.webhook.secret must be at least 16 characters");
			}
		}
	}

	/**
	 * Mail through the SMTP server of {@code spring.mail.*}.
	 *
	 * @param from the sender address, e.g. {@code Acme Corp <outreach@acme.example>}
	 * @param replyTo where replies go, if not to {@code from}
	 */
	record Mail(String from, @Nullable String replyTo) {
		Mail {
			if (from == null || !from.contains("@")) {
				throw new IllegalArgumentException("groundwork.review.channels.<tenant>.mail.from must be an address");
			}
		}
	}

	/**
	 * Released mail kept in the service instead of sent: built as the SMTP channel would send it, shown at
	 * {@code /outbox} and {@code GET /api/outbox}, downloadable as {@code .eml}. Lets a tenant see what leaves before
	 * it connects a real channel.
	 *
	 * @param enabled whether releases go to the outbox
	 * @param from the From address (empty: the mail channel's, else the sender of the tenant's guardrail policy)
	 * @param replyTo the Reply-To address (empty: the mail channel's, else none)
	 */
	record Outbox(@DefaultValue("true") boolean enabled, @DefaultValue("") String from,
			@DefaultValue("") String replyTo) {
		Outbox {
			if (!from.isBlank() && !from.contains("@")) {
				throw new IllegalArgumentException("groundwork.review.channels.<tenant>.outbox.from must be an address");
			}
		}
	}
}
