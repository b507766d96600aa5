package com.groundwork.knowledge.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.zip.ZipInputStream;

/**
 * Measures what a zip container (DOCX) really inflates to before any parser opens it: the format libraries inflate a
 * part completely before looking at it, so a small bomb would fill the heap long before Tika's own output checks
 * react. The parts are inflated into a small buffer and discarded; nothing is kept.
 */
final class ZipBombGuard {

	/** No accepted document needs more than this once inflated. */
	static final long MAX_INFLATED_BYTES = 128L * 1024 * 1024;

	/** Real documents compress 2 to 20 times; a ratio past this, over a meaningful size, is a bomb. */
	static final long MAX_RATIO = 100;

	private static final long RATIO_GRACE_BYTES = 8L * 1024 * 1024;

	private ZipBombGuard() {
	}

	static boolean isZip(byte[] content) {
		return content.length >= 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4;
	}

	/**
	 * @return a reason when the container is a bomb, or null when it inflates within bounds (or is not a readable zip,
	 * which the parser will report)
	 */
	static String check(byte[] content) throws InterruptedIOException {
		long inflated = 0;
		var buffer = new byte[64 * 1024];
		try (var zip = new ZipInputStream(new ByteArrayInputStream(content))) {
			while (zip.getNextEntry() != null) {
				for (int read = zip.read(buffer); read >= 0; read = zip.read(buffer)) {
					inflated += read;
					if (inflated > MAX_INFLATED_BYTES) {
						return "it inflates to more than " + MAX_INFLATED_BYTES / (1024 * 1024) + " MB";
					}
					if (inflated > RATIO_GRACE_BYTES && inflated / Math.max(1, content.length) > MAX_RATIO) {
						return "it inflates to more than " + MAX_RATIO + " times its size";
					}
					if (Thread.currentThread().isInterrupted()) {
						throw new InterruptedIOException("parse cancelled");
					}
				}
			}
		}
		catch (InterruptedIOException ex) {
			throw ex;
		}
		catch (IOException | IllegalArgumentException ex) {
			return null; // not a well-formed zip: the parser says so in its own words
		}
		return null;
	}
}
