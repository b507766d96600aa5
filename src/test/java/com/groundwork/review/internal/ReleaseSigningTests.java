package com.groundwork.review.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.groundwork.identity.TenantId;
import com.groundwork.identity.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Webhook signatures, unsubscribe tokens and the retry schedule of deliveries. */
class ReleaseSigningTests {

	@Test
	void theWebhookSignatureIsHmacSha256OfTimestampDotBody() throws Exception {
		var body = "{\"type\":\"draft.released\"}".getBytes(StandardCharsets.UTF_8);
		var mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec("webhook-secret-0123".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		var expected = java.util.HexFormat.of().formatHex(mac.doFinal(("1700000000." + new String(body, StandardCharsets.UTF_8))
			.getBytes(StandardCharsets.UTF_8)));
		assertThat(WebhookSignature.sign("webhook-secret-0123", 1_700_000_000L, body))
			.isEqualTo("t=1700000000,v1=" + expected);
	}

	@Test
	void anUnsubscribeTokenNamesItsTenantAndItemAndCannotBeForged() {
		var tokens = new UnsubscribeTokens("unsubscribe-secret-0123");
		var tenant = new TenantId(UUID.randomUUID());
		var item = UUID.randomUUID();
		var token = tokens.issue(tenant, item);
		assertThat(token).doesNotContain("@").matches("[A-Za-z0-9_.-]+");
		assertThat(tokens.verify(token)).contains(new UnsubscribeTokens.Subject(tenant, item));

		var otherItem = tokens.issue(tenant, UUID.randomUUID());
		var spliced = otherItem.substring(0, otherItem.indexOf('.')) + token.substring(token.indexOf('.'));
		assertThat(tokens.verify(spliced)).as("another item's payload with this signature").isEmpty();
		assertThat(new UnsubscribeTokens("another-secret-45678").verify(token)).isEmpty();
		assertThat(tokens.verify("garbage")).isEmpty();
		assertThat(tokens.verify("a.b")).isEmpty();
		assertThat(tokens.verify("!!!.???")).isEmpty();
	}

	@Test
	void aShortSecretIsRefused() {
		assertThatThrownBy(() -> new UnsubscribeTokens("short-secret")).hasMessageContaining("at least 16 characters");
	}

	@Test
	void backoffDoublesUpToTheMaximum() {
		var delivery = new ReviewSettings.Delivery(5, Duration.ofSeconds(30), Duration.ofMinutes(3),
				Duration.ofSeconds(10), Duration.ofSeconds(5));
		assertThat(delivery.backoffAfter(1)).isEqualTo(Duration.ofSeconds(30));
		assertThat(delivery.backoffAfter(2)).isEqualTo(Duration.ofSeconds(60));
		assertThat(delivery.backoffAfter(3)).isEqualTo(Duration.ofSeconds(120));
		assertThat(delivery.backoffAfter(4)).isEqualTo(Duration.ofMinutes(3));
		assertThat(delivery.backoffAfter(60)).isEqualTo(Duration.ofMinutes(3));
	}

	@Test
	void theFooterNamesSenderAddressAndTheWayOut() {
		var footer = ReleaseService.footer(new com.groundwork.guardrail.Guardrails.Sender("Acme Corp", "outreach@acme.example",
				"1 Main St, Springfield, IL 62701, US", null),
				"https://review.example/unsubscribe?token=abc");
		assertThat(footer).contains("Acme Corp", "1 Main St, Springfield, IL 62701, US",
				"https://review.example/unsubscribe?token=abc");
	}
}
