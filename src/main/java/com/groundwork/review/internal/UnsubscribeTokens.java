package com.groundwork.review.internal;

import com.groundwork.identity.Hmac;
import com.groundwork.identity.TenantId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * The token in a released mail's unsubscribe link: the tenant and the review item, signed with HMAC-SHA256, so the
 * unauthenticated one-click endpoint can trust it without a session and the link carries no address. The address is
 * looked up from the release record.
 */
final class UnsubscribeTokens {

	private static final byte[] PURPOSE = "groundwork-unsubscribe-v1".getBytes(StandardCharsets.US_ASCII);

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private final String secret;

	/** @param secret at least 16 characters; blank only while no tenant has a delivery channel (nothing is released) */
	UnsubscribeTokens(String secret) {
		if (!secret.isEmpty() && secret.length() < 16) {
			throw new IllegalArgumentException(
					"groundwork.review.unsubscribe.secret must be at least 16 characters; set a long random value");
		}
		this.secret = secret;
	}

	record Subject(TenantId tenant, UUID itemId) {
	}

	String issue(TenantId tenant, UUID itemId) {
		if (secret.isEmpty()) {
			throw new IllegalStateException("groundwork.review.unsubscribe.secret is not set");
		}
		var payload = payload(tenant.value(), itemId);
		return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(Hmac.sha256(secret, PURPOSE, payload));
	}

	/** The tenant and item a token names, when its signature is right. */
	Optional<Subject> verify(String token) {
		int dot = token.indexOf('.');
		if (secret.isEmpty() || dot < 0 || token.length() > 200) {
			return Optional.empty();
		}
		try {
			var payload = DECODER.decode(token.substring(0, dot));
			var signature = DECODER.decode(token.substring(dot + 1));
			if (payload.length != 32 || !MessageDigest.isEqual(signature, Hmac.sha256(secret, PURPOSE, payload))) {
				return Optional.empty();
			}
			var buffer = ByteBuffer.wrap(payload);
			var tenant = new UUID(buffer.getLong(), buffer.getLong());
			var item = new UUID(buffer.getLong(), buffer.getLong());
			return Optional.of(new Subject(new TenantId(tenant), item));
		}
		catch (IllegalArgumentException malformed) {
			return Optional.empty();
		}
	}

	private static byte[] payload(UUID tenant, UUID item) {
		return Arrays.copyOf(ByteBuffer.allocate(32)
			.putLong(tenant.getMostSignificantBits())
			.putLong(tenant.getLeastSignificantBits())
			.putLong(item.getMostSignificantBits())
			.putLong(item.getLeastSignificantBits())
			.array(), 32);
	}
}
