package com.groundwork.drafting.internal;

import com.groundwork.guardrail.Finding;
import com.groundwork.guardrail.Guardrails;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A draft's text cut into segments for the sidebar: the parts a finding points at carry its severity and message, so
 * the page can highlight them; everything else is plain text.
 *
 * @param fields segments by span field: {@code subject}, {@code sentence[i]}, {@code callToAction}
 * @param findings every finding, most severe first
 */
record FindingMarks(String verdict, Map<String, List<Segment>> fields, List<Finding> findings) {

	/** @param severity lower-case severity of the finding it belongs to, or null for plain text */
	record Segment(String text, @Nullable String severity, @Nullable String message) {
	}

	static FindingMarks of(Draft draft, Guardrails.@Nullable RecordedVerdict recorded) {
		var findings = recorded == null ? List.<Finding>of() : recorded.verdict().findings();
		var fields = new LinkedHashMap<String, List<Segment>>();
		fields.put("subject", segments(draft.subject(), "subject", findings));
		var sentences = draft.content().sentences();
		for (int i = 0; i < sentences.size(); i++) {
			fields.put("sentence[" + i + "]", segments(sentences.get(i).text(), "sentence[" + i + "]", findings));
		}
		fields.put("callToAction", segments(draft.content().callToAction(), "callToAction", findings));
		return new FindingMarks(verdictName(draft, recorded), fields, findings);
	}

	static String verdictName(Draft draft, Guardrails.@Nullable RecordedVerdict recorded) {
		if (recorded != null) {
			return recorded.verdict().name();
		}
		return draft.status() == Draft.Status.FAILED ? "NONE" : "PENDING";
	}

	/** Non-overlapping marks, the more severe winning where two findings overlap. */
	static List<Segment> segments(String text, String field, List<Finding> findings) {
		var marks = findings.stream()
			.filter(finding -> finding.span() != null && finding.span().field().equals(field)
					&& finding.span().end() <= text.length() && finding.span().end() > finding.span().start())
			.sorted(Comparator.comparingInt((Finding finding) -> finding.span().start())
				.thenComparing(Finding::severity, Comparator.reverseOrder()))
			.toList();
		var segments = new ArrayList<Segment>();
		int at = 0;
		for (var mark : marks) {
			int start = Math.max(at, mark.span().start());
			int end = mark.span().end();
			if (end <= start) {
				continue;
			}
			if (start > at) {
				segments.add(new Segment(text.substring(at, start), null, null));
			}
			segments.add(new Segment(text.substring(start, end), mark.severity().name().toLowerCase(Locale.ROOT),
					mark.ruleId() + ": " + mark.message()));
			at = end;
		}
		if (at < text.length() || segments.isEmpty()) {
			segments.add(new Segment(text.substring(at), null, null));
		}
		return segments;
	}
}
