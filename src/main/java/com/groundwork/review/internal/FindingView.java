package com.groundwork.review.internal;

import com.groundwork.guardrail.Finding;
import org.jspecify.annotations.Nullable;

/** A guardrail finding as reviewers and API clients see it (and as decisions store it). */
record FindingView(String ruleId, String severity, String message, String evidence, @Nullable String field,
		@Nullable Integer start, @Nullable Integer end) {

	static FindingView of(Finding finding) {
		var span = finding.span();
		return new FindingView(finding.ruleId(), finding.severity().name(), finding.message(), finding.evidence(),
				span == null ? null : span.field(), span == null ? null : span.start(), span == null ? null : span.end());
	}

	boolean blocksApproval() {
		return "REPAIR".equals(severity) || "BLOCK".equals(severity);
	}

	/** Same rule on the same text: a finding the draft already had. */
	boolean sameAs(FindingView other) {
		return ruleId.equals(other.ruleId) && evidence.equals(other.evidence);
	}
}
