package com.groundwork.review.internal;

import com.groundwork.identity.WebhookSignature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers a released draft to the tenant's webhook: a JSON POST signed with HMAC-SHA256 over
 * {@code "<unix seconds>.<body>"} ({@code X-Groundwork-Signature: t=…,v1=…}), with the delivery's id as
 * {@code Idempotency-Key} on every attempt so the receiver can drop duplicates. Any answer but 2xx is a failure.
 */
class WebhookSender {

	private final HttpClient client;
	private final JsonMapper mapper;
	private final Duration timeout;
	private final Clock clock;

	WebhookSender(JsonMapper mapper, Duration timeout, Clock clock) {
		this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
		this.mapper = mapper;
		this.timeout = timeout;
		this.clock = clock;
	}

	void send(DeliveryRecord delivery, ReviewSettings.Webhook webhook, int attempt) throws DeliveryFailedException {
		var body = mapper.writeValueAsBytes(body(delivery));
		var request = HttpRequest.newBuilder(URI.create(webhook.url()))
			.timeout(timeout)
			.header("Content-Type", "application/json")
			.header("User-Agent", "Groundwork-Review/1")
			.header("Idempotency-Key", delivery.id().toString())
			.header("X-Groundwork-Delivery-Attempt", String.valueOf(attempt))
			.header(WebhookSignature.HEADER, WebhookSignature.sign(webhook.secret(), clock.instant().getEpochSecond(), body))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		HttpResponse<String> response;
		try {
			response = client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new DeliveryFailedException("webhook " + webhook.url() + " unreachable: " + ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DeliveryFailedException("interrupted while calling the webhook");
		}
		if (response.statusCode() / 100 != 2) {
			var answer = response.body() == null ? "" : response.body().strip();
			throw new DeliveryFailedException("webhook answered HTTP " + response.statusCode()
					+ (answer.isEmpty() ? "" : ": " + (answer.length() > 200 ? answer.substring(0, 200) + "…" : answer)));
		}
	}

	/** What the receiver gets: the message, the headers a sender must set, and where it came from. */
	static Map<String, Object> body(DeliveryRecord delivery) {
		var message = delivery.payload();
		var body = new LinkedHashMap<String, Object>();
		body.put("type", "draft.released");
		body.put("deliveryId", delivery.id().toString());
		body.put("tenant", message.tenantSlug());
		body.put("draftId", message.draftId().toString());
		body.put("lead", Map.of("externalId", message.leadExternalId()));
		body.put("to", message.to());
		body.put("subject", message.subject());
		body.put("body", message.body());
		body.put("footer", message.footer());
		body.put("text", message.text());
		body.put("headers", MailSender.unsubscribeHeaders(message.unsubscribeUrl()));
		body.put("approvedBy", message.approvedBy());
		body.put("approvedAt", message.approvedAt().toString());
		body.put("releasedAt", message.releasedAt().toString());
		return body;
	}

	/** One failed attempt; retried with backoff until the delivery is dead-lettered. */
	static class DeliveryFailedException extends Exception {
		DeliveryFailedException(String message) {
			super(message);
		}
	}
}
