package com.groundwork.drafting.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.groundwork.guardrail.Finding;
import com.groundwork.guardrail.Severity;
import com.groundwork.guardrail.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the sidebar cuts a sentence into plain and highlighted parts from the findings' spans. */
class FindingMarksTests {

	static Finding finding(String rule, Severity severity, String field, int start, int end) {
		return new Finding(rule, severity, new Span(field, start, end), rule + " message", "");
	}

	@Test
	void theSpansOfAFieldAreHighlightedTheMoreSevereWinning() {
		var text = "We saved 40% for Kessler at kessler.example today.";
		var findings = List.of(finding("grounding.unsupported", Severity.REPAIR, "sentence[2]", 9, 12),
				finding("links.not-allowed", Severity.REPAIR, "sentence[2]", 28, 43),
				finding("injection.link", Severity.BLOCK, "sentence[2]", 28, 43),
				finding("grounding.unsupported", Severity.REPAIR, "sentence[3]", 0, 2),
				finding("compliance.suppressed", Severity.BLOCK, "sentence[2]", 0, 200));
		var segments = FindingMarks.segments(text, "sentence[2]", findings);
		assertThat(segments).extracting(FindingMarks.Segment::text)
			.containsExactly("We saved ", "40%", " for Kessler at ", "kessler.example", " today.");
		assertThat(segments).extracting(FindingMarks.Segment::severity)
			.containsExactly(null, "repair", null, "block", null);
		assertThat(segments.get(3).message()).startsWith("injection.link: ");
		assertThat(String.join("", segments.stream().map(FindingMarks.Segment::text).toList())).isEqualTo(text);
	}

	@Test
	void aFieldWithoutFindingsIsOnePlainSegment() {
		assertThat(FindingMarks.segments("Hi Dana,", "sentence[0]", List.of()))
			.containsExactly(new FindingMarks.Segment("Hi Dana,", null, null));
	}
}
