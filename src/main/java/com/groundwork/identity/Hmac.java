package com.groundwork.identity;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 of parts taken in order, under a UTF-8 secret: webhook signatures, unsubscribe tokens. */
public final class Hmac {

	private Hmac() {
	}

	public static byte[] sha256(String secret, byte[]... parts) {
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
}
