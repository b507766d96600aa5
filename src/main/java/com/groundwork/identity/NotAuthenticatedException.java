package com.groundwork.identity;

/** Thrown when tenant-scoped work is attempted without an authenticated actor: a programming error, never user input. */
public class NotAuthenticatedException extends IllegalStateException {

	public NotAuthenticatedException() {
		super("No authenticated actor: tenant-scoped work needs a signed-in user or an API key");
	}
}
