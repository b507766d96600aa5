package com.groundwork.lead.internal.crm;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Signatures of CRM events: {@code X-Groundwork-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">}
 * with the tenant's secret. Several {@code v1} entries may be sent while a secret is rotated. The timestamp must be
 * within the tolerance of the server's clock (replays of old events are refused) and signatures are compared in
 * constant time.
 */
final class WebhookSignatures {

	static final String HEADER = "X-Groundwork-Signature";

	private static final String FORMAT = HEADER + " must look like t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<body>\">";

	private WebhookSignatures() {
	}

	/** The header value for a body, as a CRM (or a test) sends it. */
	static String sign(String secret, long unixSeconds, byte[] body) {
		return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(hmac(secret, unixSeconds, body));
	}

	/**
	 * @throws SignatureRejectedException when the header is missing, malformed, outside the tolerance or wrong
	 */
	static void verify(@Nullable String header, byte[] body, @Nullable String secret, Instant now, Duration tolerance,
			String tenantSlug) {
		if (secret == null || secret.isBlank()) {
			throw new SignatureRejectedException("No CRM webhook secret is configured for tenant '" + tenantSlug
					+ "' (groundwork.crm.webhook-secrets." + tenantSlug + "), so its events cannot be verified");
		}
		if (header == null || header.isBlank()) {
			throw new SignatureRejectedException("The " + HEADER + " header is missing: " + FORMAT);
		}
		Long timestamp = null;
		var signatures = new ArrayList<byte[]>();
		for (var part : header.split(",")) {
			var pair = part.strip().split("=", 2);
			if (pair.length != 2) {
				continue;
			}
			try {
				switch (pair[0]) {
					case "t" -> timestamp = Long.parseLong(pair[1]);
					case "v1" -> signatures.add(HexFormat.of().parseHex(pair[1]));
					default -> {
						// other schemes are ignored, as new ones may be added
					}
				}
			}
			catch (IllegalArgumentException malformed) {
				throw new SignatureRejectedException(FORMAT);
			}
		}
		if (timestamp == null || signatures.isEmpty()) {
			throw new SignatureRejectedException(FORMAT);
		}
		long skew = Math.abs(now.getEpochSecond() - timestamp);
		if (skew > tolerance.toSeconds()) {
			throw new SignatureRejectedException("The signature's timestamp is " + skew
					+ " s away from the server's clock; at most " + tolerance.toSeconds()
					+ " s are accepted. Sign each event when you send it");
		}
		var expected = hmac(secret, timestamp, body);
		if (!anyEqual(expected, signatures)) {
			throw new SignatureRejectedException("The signature does not match the body signed with the tenant's webhook secret");
		}
	}

	private static boolean anyEqual(byte[] expected, List<byte[]> candidates) {
		boolean match = false;
		for (var candidate : candidates) {
			match |= MessageDigest.isEqual(expected, candidate); // constant time; every candidate is compared
		}
		return match;
	}

	private static byte[] hmac(String secret, long unixSeconds, byte[] body) {
		try {
			var mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			mac.update((unixSeconds + ".").getBytes(StandardCharsets.US_ASCII));
			return mac.doFinal(body);
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HmacSHA256 is required by every Java platform", ex);
		}
	}
}
