package com.groundwork.drafting.internal;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** A model endpoint answered with an error, timed out or refused; says whether trying again may help. */
class ModelCallException extends DraftingFailedException {

	private final @Nullable Duration retryAfter;
	private final boolean retryable;

	ModelCallException(String code, String reason, @Nullable Duration retryAfter, boolean retryable) {
		super(code, reason);
		this.retryAfter = retryAfter;
		this.retryable = retryable;
	}

	ModelCallException(String code, String reason, Throwable cause) {
		super(code, reason, cause);
		this.retryAfter = null;
		this.retryable = false;
	}

	@Nullable Duration retryAfter() {
		return retryAfter;
	}

	boolean retryable() {
		return retryable;
	}
}
