package com.groundwork.guardrail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The fixed split of a Presidio-style record set between training the learned name finder and scoring the personal-data
 * detector: a record is held out when the first byte of the SHA-256 of its text falls in the lowest
 * {@link #HELD_OUT_PERCENT} per cent. Training never sees a held-out record; {@code eval/run pii} scores only those.
 */
public final class PiiHoldout {

	/** The share of records held out for scoring, in per cent. */
	public static final int HELD_OUT_PERCENT = 30;

	private PiiHoldout() {
	}

	/** The share of records, in per cent, of the training part set aside for tuning ({@code --dev}). */
	public static final int DEVELOPMENT_PERCENT = 20;

	/** Whether the record with this text is kept for scoring (never trained on). */
	public static boolean heldOut(String text) {
		return bucket(text) * 100 < HELD_OUT_PERCENT * 256;
	}

	/**
	 * Whether the record is in the development part: training records that a tuning run ({@code --dev}) leaves out to
	 * compare settings on, so that the held-out part is not used to choose them.
	 */
	public static boolean development(String text) {
		int bucket = bucket(text) * 100;
		return bucket >= HELD_OUT_PERCENT * 256 && bucket < (HELD_OUT_PERCENT + DEVELOPMENT_PERCENT) * 256;
	}

	private static int bucket(String text) {
		try {
			var digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return digest[0] & 0xff;
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}
}
