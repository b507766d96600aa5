package com.groundwork.guardrail.internal;

import com.groundwork.guardrail.Finding;
import com.groundwork.guardrail.Severity;
import com.groundwork.guardrail.Span;
import java.util.List;

/**
 * Length: the body (sentences and call to action) within the policy's word budget ({@code length.body}, a repair),
 * not too short to be useful ({@code length.body-short}, a warning), and no run-on sentence
 * ({@code length.sentence}, a warning).
 */
final class LengthCheck implements Check {

	@Override
	public void run(CheckContext context, List<Finding> findings) {
		var policy = context.policy;
		int words = 0;
		for (var field : context.fields) {
			if (field.name().equals("subject")) {
				continue;
			}
			int count = Texts.wordCount(field.text());
			words += count;
			if (count > policy.sentenceMaxWords()) {
				findings.add(new Finding("length.sentence", Severity.WARNING, new Span(field.name(), 0, field.text().length()),
						"A sentence of " + count + " words; keep sentences under " + policy.sentenceMaxWords(),
						Texts.shorten(field.text(), 80)));
			}
		}
		if (words > policy.bodyMaxWords()) {
			findings.add(new Finding("length.body", Severity.REPAIR, null,
					"The body has " + words + " words; at most " + policy.bodyMaxWords() + ": shorten it", words + " words"));
		}
		else if (words < policy.bodyMinWords()) {
			findings.add(new Finding("length.body-short", Severity.WARNING, null,
					"The body has only " + words + " words; say why the recipient should care", words + " words"));
		}
	}
}
