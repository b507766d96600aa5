package com.groundwork.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The one signature scheme of webhooks in both directions (CRM and outcome events in, release deliveries out):
 * {@code X-Groundwork-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">} with the tenant's secret.
 * Several {@code v1} entries may be sent while a secret is rotated; the timestamp must be within the tolerance of the
 * server's clock (old events are not replayed); signatures are compared in constant time.
 */
public final class WebhookSignature {

	public static final String HEADER = "X-Groundwork-Signature";

	private static final String FORMAT = HEADER + " must look like t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<body>\">";

	private WebhookSignature() {
	}

	/** The header value for a body, as a sender (or a test) sets it. */
	public static String sign(String secret, long unixSeconds, byte[] body) {
		return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(hmac(secret, unixSeconds, body));
	}

	/**
	 * @param secretProperty the property that holds the tenant's secret, named when none is configured
	 * @throws Rejected when the secret is missing, or the header missing, malformed, outside the tolerance or wrong
	 */
	public static void verify(@Nullable String header, byte[] body, @Nullable String secret, Instant now,
			Duration tolerance, String secretProperty) {
		if (secret == null || secret.isBlank()) {
			throw new Rejected("No webhook secret is configured for this tenant (" + secretProperty
					+ "), so its events cannot be verified");
		}
		if (header == null || header.isBlank()) {
			throw new Rejected("The " + HEADER + " header is missing: " + FORMAT);
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
			throw new Rejected("The signature does not match the body signed with the tenant's webhook secret ("
					+ secretProperty + ")");
		}
	}

	private static byte[] hmac(String secret, long unixSeconds, byte[] body) {
		return Hmac.sha256(secret, (unixSeconds + ".").getBytes(StandardCharsets.US_ASCII), body);
	}

	/** A missing, malformed, stale or wrong signature: 401 "Invalid signature", and nothing of the body is read. */
	public static final class Rejected extends ErrorResponseException {

		public static final String TITLE = "Invalid signature";

		Rejected(String detail) {
			super(HttpStatus.UNAUTHORIZED, problem(detail), null);
			getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Signature header=\"" + HEADER + "\"");
		}

		private static ProblemDetail problem(String detail) {
			var problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail);
			problem.setTitle(TITLE);
			return problem;
		}
	}
}
