package com.groundwork.knowledge;

/** A document that cannot be ingested, with a reason that names the file and the fix. */
public class DocumentRejectedException extends RuntimeException {

	/**
	 * Why: maps to 413 (TOO_LARGE), 415 (UNSUPPORTED_TYPE) or 422 (UNPARSABLE, INVALID_METADATA) at the API.
	 * INVALID_METADATA: the document reads fine but a metadata field (e.g. {@code type}) has a value that is not allowed.
	 */
	public enum Reason {
		TOO_LARGE, UNSUPPORTED_TYPE, UNPARSABLE, INVALID_METADATA
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
