package com.groundwork.drafting.internal;

/**
 * A tier could not write a usable draft; the reason is kept with the draft (or the attempt, when a lower tier took
 * over). Never carries model output or personal data.
 */
class DraftingFailedException extends RuntimeException {

	private final String code;

	DraftingFailedException(String code, String reason) {
		super(reason);
		this.code = code;
	}

	DraftingFailedException(String code, String reason, Throwable cause) {
		super(reason, cause);
		this.code = code;
	}

	/** A stable, short failure kind: {@code timeout}, {@code rate-limited}, {@code server-error}, {@code malformed}, … */
	String code() {
		return code;
	}
}
