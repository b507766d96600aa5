package com.groundwork.guardrail;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One thing a check found.
 *
 * @param ruleId stable id of the rule, {@code <check>.<rule>}, e.g. {@code pii.credit-card}, {@code grounding.uncited}
 * @param span where, when the finding points at text
 * @param message what is wrong and how to fix it, for the rep or reviewer
 * @param evidence the offending text, masked when it is personal data
 */
public record Finding(String ruleId, Severity severity, @Nullable Span span, String message, String evidence) {

	public Finding {
		Objects.requireNonNull(ruleId, "ruleId");
		Objects.requireNonNull(severity, "severity");
		Objects.requireNonNull(message, "message");
		Objects.requireNonNull(evidence, "evidence");
	}
}
