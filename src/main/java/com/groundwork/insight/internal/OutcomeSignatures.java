package com.groundwork.insight.internal;

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
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Signatures of outcome events, the scheme CRM events use: {@code X-Groundwork-Signature: t=<unix seconds>,
 * v1=<hex HMAC-SHA256 of "<t>.<body>">} with the tenant's outcome secret; several {@code v1} entries while a secret
 * is rotated; the timestamp within the tolerance of the server's clock; compared in constant time.
 */
final class OutcomeSignatures {

	static final String HEADER = "X-Groundwork-Signature";

	private static final String FORMAT = HEADER + " must look like t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<body>\">";

	private OutcomeSignatures() {
	}

	/** The header value for a body, as the e-mail system (or a test) sends it. */
	static String sign(String secret, long unixSeconds, byte[] body) {
		return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(hmac(secret, unixSeconds, body));
	}

	/** @throws Rejected when the header is missing, malformed, outside the tolerance or wrong */
	static void verify(@Nullable String header, byte[] body, @Nullable String secret, Instant now, Duration tolerance,
			String tenantSlug) {
		if (secret == null || secret.isBlank()) {
			throw new Rejected("No outcome webhook secret is configured for tenant '" + tenantSlug
					+ "' (groundwork.insight.outcomes.webhook-secrets." + tenantSlug + "), so its events cannot be verified");
		}
		if (header == null || header.isBlank()) {
			throw new Rejected("The " + HEADER + " header is missing: " + FORMAT);
		}
		Long timestamp = null;
		List<byte[]> signatures = new ArrayList<>();
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
				throw new Rejected(FORMAT);
			}
		}
		if (timestamp == null || signatures.isEmpty()) {
			throw new Rejected(FORMAT);
		}
		long skew = Math.abs(now.getEpochSecond() - timestamp);
		if (skew > tolerance.toSeconds()) {
			throw new Rejected("The signature's timestamp is " + skew + " s away from the server's clock; at most "
					+ tolerance.toSeconds() + " s are accepted. Sign each event when you send it");
		}
		var expected = hmac(secret, timestamp, body);
		boolean match = false;
		for (var candidate : signatures) {
			match |= MessageDigest.isEqual(expected, candidate); // constant time; every candidate is compared
		}
		if (!match) {
			throw new Rejected("The signature does not match the body signed with the tenant's outcome webhook secret");
		}
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

	/** A missing, malformed, stale or wrong signature: 401, and nothing of the body is read. */
	static class Rejected extends ErrorResponseException {

		Rejected(String detail) {
			super(HttpStatus.UNAUTHORIZED, problem(detail), null);
			getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Signature header=\"" + HEADER + "\"");
		}

		private static ProblemDetail problem(String detail) {
			var problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail);
			problem.setTitle("Invalid signature");
			return problem;
		}
	}
}
