package com.groundwork.guardrail.internal;

import com.groundwork.guardrail.Finding;
import com.groundwork.guardrail.Severity;
import com.groundwork.guardrail.Span;
import java.util.List;

/**
 * The subject is a mail header and, under CAN-SPAM, must not deceive: no line breaks or control characters (header
 * injection, {@code headers.crlf}, blocks), no reply or forward marker on a first contact
 * ({@code headers.deceptive-prefix}), no transactional pretence ({@code headers.deceptive-subject}), no shouting
 * ({@code headers.all-caps}), no spam triggers ({@code headers.spam-trigger}), not empty; a subject longer than mail
 * clients show is a warning ({@code length.subject}).
 */
final class HeaderCheck implements Check {

	@Override
	public void run(CheckContext context, List<Finding> findings) {
		var policy = context.policy;
		var subject = context.draft.subject();
		for (int i = 0; i < subject.length(); i++) {
			char c = subject.charAt(i);
			if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\u0085') {
				findings.add(new Finding("headers.crlf", Severity.BLOCK, new Span("subject", i, i + 1),
						"A line break or control character in the subject could inject mail headers: the subject is one line",
						String.format("U+%04X", (int) c)));
				break;
			}
		}
		if (subject.isBlank()) {
			findings.add(new Finding("headers.empty-subject", Severity.REPAIR, new Span("subject", 0, 0),
					"The subject is empty: write one that says what the mail is about", ""));
			return;
		}
		if (subject.length() > policy.subjectMaxChars()) {
			findings.add(new Finding("length.subject", Severity.WARNING, new Span("subject", 0, subject.length()),
					"The subject has " + subject.length() + " characters; mail clients show about " + policy.subjectMaxChars(),
					Texts.shorten(subject, 100)));
		}
		int prefix = deceptivePrefix(subject, policy);
		if (prefix > 0) {
			findings.add(new Finding("headers.deceptive-prefix", Severity.REPAIR, new Span("subject", 0, prefix),
					"The subject pretends to be a reply or a forward: outreach starts its own thread (CAN-SPAM: no"
							+ " deceptive subject)",
					subject.substring(0, prefix)));
		}
		var lower = Texts.lower(subject);
		ToneCheck.phrases(new CheckContext.Field("subject", subject, List.of(), -1), lower, lower,
				context.wording.deceptivePhrases(), "headers.deceptive-subject", Severity.REPAIR,
				"The subject pretends to be an account or transaction notice (CAN-SPAM: no deceptive subject)", findings);
		ToneCheck.phrases(new CheckContext.Field("subject", subject, List.of(), -1), lower, lower, context.wording.spamTriggers(),
				"headers.spam-trigger", Severity.REPAIR, "Spam-trigger wording in the subject", findings);
		int letters = 0;
		int capitals = 0;
		for (int i = 0; i < subject.length(); i++) {
			char c = subject.charAt(i);
			if (Character.isLetter(c)) {
				letters++;
				if (Character.isUpperCase(c)) {
					capitals++;
				}
			}
		}
		if (letters >= 8 && capitals > policy.maxCapitalShare() * letters) {
			findings.add(new Finding("headers.all-caps", Severity.REPAIR, new Span("subject", 0, subject.length()),
					"The subject is mostly capitals: write it in sentence case", Texts.shorten(subject, 100)));
		}
	}

	/** The length of a leading {@code RE:} / {@code Fwd:} (also repeated, bracketed or full-width), or 0. */
	static int deceptivePrefix(String subject, Policy policy) {
		int i = 0;
		int n = subject.length();
		int found = 0;
		while (true) {
			while (i < n && (Character.isWhitespace(subject.charAt(i)) || subject.charAt(i) == '[')) {
				i++;
			}
			int start = i;
			while (i < n && Character.isLetter(subject.charAt(i))) {
				i++;
			}
			var word = Texts.lower(subject.substring(start, i));
			if (i == start || !policy.deceptivePrefixes().contains(word)) {
				return found;
			}
			while (i < n && (Character.isDigit(subject.charAt(i)) || subject.charAt(i) == '[' || subject.charAt(i) == ']'
					|| subject.charAt(i) == ' ')) {
				i++;
			}
			if (i < n && (subject.charAt(i) == ':' || subject.charAt(i) == '：')) {
				i++;
				found = i;
				continue;
			}
			return found;
		}
	}
}
