package com.groundwork.lead.internal.contract;

/**
 * One thing wrong with a request, in the shape every validation problem of the service uses.
 *
 * @param field the flattened contract path, e.g. {@code contact.email}
 * @param message what is wrong and what to send instead
 */
public record FieldProblem(String field, String message) {

	@Override
	public String toString() {
		return field + ": " + message;
	}
}
