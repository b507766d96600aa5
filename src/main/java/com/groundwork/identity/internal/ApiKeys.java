package com.groundwork.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * API key material. Keys carry 190 bits of randomness, so a fast SHA-256 hash is the right store (a slow password hash
 * would only cost latency on every request); the first characters stay visible so people can tell keys apart.
 */
final class ApiKeys {

	static final int VISIBLE_PREFIX_LENGTH = 11;

	private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	private static final SecureRandom RANDOM = new SecureRandom();

	private ApiKeys() {
	}

	/** A new key of the form {@code gw_<32 base62 characters>}. */
	static String generate() {
		var key = new StringBuilder("gw_");
		for (int i = 0; i < 32; i++) {
			key.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
		}
		return key.toString();
	}

	static String hash(String key) {
		try {
			var digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is required by every Java platform", e);
		}
	}

	static String visiblePrefix(String key) {
		return key.substring(0, Math.min(VISIBLE_PREFIX_LENGTH, key.length()));
	}
}
