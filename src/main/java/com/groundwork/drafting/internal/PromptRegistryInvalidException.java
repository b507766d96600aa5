package com.groundwork.drafting.internal;

/** A prompt file is unreadable or its placeholders do not match what drafting provides; stops start-up. */
class PromptRegistryInvalidException extends IllegalStateException {

	PromptRegistryInvalidException(String message) {
		super(message);
	}

	PromptRegistryInvalidException(String message, Throwable cause) {
		super(message, cause);
	}
}
