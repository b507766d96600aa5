package com.groundwork.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The webhook signature scheme every module verifies with: what passes, and what each refusal says. */
class WebhookSignatureTests {

	private static final byte[] BODY = "{\"externalId\":\"L-1\"}".getBytes(StandardCharsets.UTF_8);

	private static final Instant NOW = Instant.ofEpochSecond(1_800_000_000L);

	private static final Duration TOLERANCE = Duration.ofMinutes(5);

	private static final String PROPERTY = "groundwork.crm.webhook-secrets.acme";

	@Test
	void aFreshSignatureOfTheBodyPassesAlsoBesideARotatedOne() {
		var current = WebhookSignature.sign("secret-new", NOW.getEpochSecond(), BODY);
		var old = WebhookSignature.sign("secret-old", NOW.getEpochSecond(), BODY);
		assertThatCode(() -> WebhookSignature.verify(current, BODY, "secret-new", NOW.plusSeconds(30), TOLERANCE, PROPERTY))
			.doesNotThrowAnyException();
		var both = old + "," + current.substring(current.indexOf("v1="));
		assertThatCode(() -> WebhookSignature.verify(both, BODY, "secret-new", NOW, TOLERANCE, PROPERTY))
			.doesNotThrowAnyException();
	}

	@Test
	void everyRefusalIsA401ProblemThatSaysWhatToFix() {
		var signed = WebhookSignature.sign("secret", NOW.getEpochSecond(), BODY);
		assertRejected(() -> WebhookSignature.verify(signed, BODY, null, NOW, TOLERANCE, PROPERTY), PROPERTY);
		assertRejected(() -> WebhookSignature.verify(null, BODY, "secret", NOW, TOLERANCE, PROPERTY), "header is missing");
		assertRejected(() -> WebhookSignature.verify("t=abc,v1=zz", BODY, "secret", NOW, TOLERANCE, PROPERTY),
				"must look like t=<unix seconds>");
		assertRejected(() -> WebhookSignature.verify(signed, BODY, "secret", NOW.plusSeconds(3600), TOLERANCE, PROPERTY),
				"3600 s away");
		assertRejected(() -> WebhookSignature.verify(signed, "{}".getBytes(StandardCharsets.UTF_8), "secret", NOW,
				TOLERANCE, PROPERTY), "does not match");
		assertRejected(() -> WebhookSignature.verify(signed, BODY, "other", NOW, TOLERANCE, PROPERTY), "does not match");
	}

	private static void assertRejected(Runnable verification, String detail) {
		assertThatThrownBy(verification::run).isInstanceOfSatisfying(WebhookSignature.Rejected.class, rejected -> {
			assertThat(rejected.getStatusCode().value()).isEqualTo(401);
			assertThat(rejected.getBody().getTitle()).isEqualTo("Invalid signature");
			assertThat(rejected.getBody().getDetail()).contains(detail);
			assertThat(rejected.getHeaders().getFirst("WWW-Authenticate")).contains(WebhookSignature.HEADER);
		});
	}
}
