package com.groundwork.review.internal;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256, for webhook signatures and unsubscribe tokens. */
final class Hmac {

	/** The header that signs a webhook delivery. */
	static final String SIGNATURE_HEADER = "X-Groundwork-Signature";

	private Hmac() {
	}

	static byte[] sha256(String secret, byte[]... parts) {
		try {
			var mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			for (var part : parts) {
				mac.update(part);
			}
			return mac.doFinal();
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HmacSHA256 is required by every Java platform", ex);
		}
	}

	/**
	 * The webhook signature header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">}, the scheme CRM
	 * events use in the other direction.
	 */
	static String webhookSignature(String secret, long unixSeconds, byte[] body) {
		return "t=" + unixSeconds + ",v1=" + HexFormat.of()
			.formatHex(sha256(secret, (unixSeconds + ".").getBytes(StandardCharsets.US_ASCII), body));
	}
}
