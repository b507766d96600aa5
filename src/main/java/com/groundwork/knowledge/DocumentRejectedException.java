package com.groundwork.knowledge;

/** A document that cannot be ingested, with a reason that names the file and the fix. */
public class DocumentRejectedException extends RuntimeException {

	/** Why: maps to 413 (TOO_LARGE), 415 (UNSUPPORTED_TYPE) or 422 (UNPARSABLE) at the API. */
	public enum Reason {
		TOO_LARGE, UNSUPPORTED_TYPE, UNPARSABLE
	}

	private final String source;

	private final Reason reason;

	public DocumentRejectedException(String source, Reason reason, String message, Throwable cause) {
		super(message, cause);
		this.source = source;
		this.reason = reason;
	}

	public DocumentRejectedException(String source, Reason reason, String message) {
		this(source, reason, message, null);
	}

	public String source() {
		return source;
	}

	public Reason reason() {
		return reason;
	}
}
