package com.groundwork.lead.internal.suppression;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** The suppression list's key: SHA-256 (hex) of the trimmed, lower-cased address. */
public final class EmailHashes {

	private EmailHashes() {
	}

	public static String hash(String email) {
		var normalized = email.strip().toLowerCase(Locale.ROOT);
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(normalized.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
		}
	}
}
