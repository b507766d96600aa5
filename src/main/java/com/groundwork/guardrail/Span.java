package com.groundwork.guardrail;

import java.util.Objects;

/**
 * Where a finding is: character offsets {@code [start, end)} in one field of the checked text.
 *
 * @param field {@code subject}, {@code body}, {@code callToAction}, {@code sentence[i]} (i from 0),
 * {@code passage:<id>} or {@code input:<name>} (an untrusted input such as {@code input:crm.notes})
 */
public record Span(String field, int start, int end) {

	public Span {
		Objects.requireNonNull(field, "field");
		if (start < 0 || end < start) {
			throw new IllegalArgumentException("span [" + start + ", " + end + ") is not a range");
		}
	}
}
