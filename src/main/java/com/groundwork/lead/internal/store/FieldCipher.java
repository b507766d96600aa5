package com.groundwork.lead.internal.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for sensitive lead fields at rest. A stored value is {@code gw1:<key id>:<base64 of nonce ‖ ciphertext ‖
 * tag>}, so any configured key can read it and rotation knows what to re-encrypt. The associated data binds a value to
 * its row and column ({@code lead:<id>:contract}): a ciphertext copied into another row does not decrypt. A value
 * without the prefix is a row written before encryption and is read as it is (rotation encrypts it).
 */
public final class FieldCipher {

	static final String PREFIX = "gw1:";

	private static final int NONCE_BYTES = 12;
	private static final int TAG_BITS = 128;
	private static final SecureRandom RANDOM = new SecureRandom();

	private final Map<String, SecretKey> keys;
	private final String activeKeyId;

	public FieldCipher(Map<String, String> base64Keys, String activeKeyId) {
		if (!base64Keys.containsKey(activeKeyId)) {
			throw new IllegalArgumentException("groundwork.lead.encryption.active-key '" + activeKeyId
					+ "' is not among groundwork.lead.encryption.keys " + base64Keys.keySet());
		}
		var parsed = new java.util.LinkedHashMap<String, SecretKey>();
		base64Keys.forEach((id, value) -> {
			if (!id.matches("[A-Za-z0-9_-]{1,32}")) {
				throw new IllegalArgumentException("groundwork.lead.encryption.keys: key id '" + id
						+ "' must be 1 to 32 letters, digits, _ or -");
			}
			byte[] bytes;
			try {
				bytes = Base64.getDecoder().decode(value.strip());
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("groundwork.lead.encryption.keys." + id + " is not base64");
			}
			if (bytes.length != 32) {
				throw new IllegalArgumentException("groundwork.lead.encryption.keys." + id
						+ " must be 32 bytes (AES-256), base64-encoded, e.g. from: openssl rand -base64 32");
			}
			parsed.put(id, new SecretKeySpec(bytes, "AES"));
		});
		this.keys = Map.copyOf(parsed);
		this.activeKeyId = activeKeyId;
	}

	public String activeKeyId() {
		return activeKeyId;
	}

	/** The stored form of {@code plaintext}, under the active key. */
	public String encrypt(String plaintext, String context) {
		try {
			byte[] nonce = new byte[NONCE_BYTES];
			RANDOM.nextBytes(nonce);
			var cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
			var out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
			return PREFIX + activeKeyId + ":" + Base64.getEncoder().encodeToString(out);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM encryption failed", ex);
		}
	}

	/** The plaintext of a stored value (a value written before encryption is returned as it is). */
	public String decrypt(String stored, String context) {
		if (!stored.startsWith(PREFIX)) {
			return stored;
		}
		int colon = stored.indexOf(':', PREFIX.length());
		var keyId = stored.substring(PREFIX.length(), colon);
		var key = keys.get(keyId);
		if (key == null) {
			throw new IllegalStateException("A lead field is encrypted with key '" + keyId
					+ "', which groundwork.lead.encryption.keys no longer holds: add it back until rotation is done");
		}
		try {
			byte[] data = Base64.getDecoder().decode(stored.substring(colon + 1));
			var cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
			cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
			return new String(cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("A lead field does not decrypt with key '" + keyId
					+ "' (changed key material, or a value moved between rows)", ex);
		}
	}

	/** Whether a stored value is already under the active key. */
	public boolean isCurrent(String stored) {
		return stored.startsWith(PREFIX + activeKeyId + ":");
	}

	/** The SQL LIKE pattern of values under the active key. */
	public String currentPattern() {
		return PREFIX + activeKeyId + ":%";
	}
}
