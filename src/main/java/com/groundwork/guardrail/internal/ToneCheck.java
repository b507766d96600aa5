package com.groundwork.guardrail.internal;

import com.groundwork.guardrail.Finding;
import com.groundwork.guardrail.Severity;
import com.groundwork.guardrail.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * Tone and wording: toxic phrases block ({@code tone.toxic}); banned phrases ({@code tone.banned-phrase}),
 * competitors' names ({@code tone.competitor}), the tenant's off-brand phrases ({@code tone.off-brand}), too many
 * exclamation marks ({@code tone.exclamations}) or shouted words ({@code tone.shouting}) ask for a repair; spam
 * triggers are warnings until there are more than the policy tolerates ({@code tone.spam-trigger}). Phrases are also
 * looked for in the normalized text (homoglyphs, zero-width characters), so spelling tricks do not hide them.
 */
final class ToneCheck implements Check {

	private final TextNormalizer normalizer;

	ToneCheck(TextNormalizer normalizer) {
		this.normalizer = normalizer;
	}

	@Override
	public void run(CheckContext context, List<Finding> findings) {
		var policy = context.policy;
		int exclamations = 0;
		int shouted = 0;
		var spam = new ArrayList<Finding>();
		for (var field : context.fields) {
			var text = field.text();
			var lower = Texts.lower(text);
			String normalized;
			try {
				normalized = Texts.lower(normalizer.normalize(text));
			}
			catch (RuntimeException ex) {
				normalized = lower;
			}
			phrases(field, lower, normalized, context.wording.toxicPhrases(), "tone.toxic", Severity.BLOCK,
					"Hostile or insulting wording: never in outreach", findings);
			phrases(field, lower, normalized, context.wording.bannedPhrases(), "tone.banned-phrase", Severity.REPAIR,
					"A phrase the policy bans (promises, pressure, price offers): remove it", findings);
			phrases(field, lower, normalized, policy.competitors(), "tone.competitor", Severity.REPAIR,
					"Names another vendor: outreach never names or compares competitors", findings);
			phrases(field, lower, normalized, policy.avoidPhrases(), "tone.off-brand", Severity.REPAIR,
					"Off the tenant's brand voice: rephrase it", findings);
			if (!field.name().equals("subject")) {
				phrases(field, lower, normalized, context.wording.spamTriggers(), "tone.spam-trigger", Severity.WARNING,
						"Spam-trigger wording hurts delivery and trust", spam);
			}
			for (int i = text.indexOf('!'); i >= 0; i = text.indexOf('!', i + 1)) {
				if (++exclamations > policy.maxExclamations()) {
					findings.add(new Finding("tone.exclamations", Severity.REPAIR, new Span(field.name(), i, i + 1),
							"More than " + policy.maxExclamations() + " exclamation mark(s) in the draft: use a full stop",
							"!"));
				}
			}
			for (var word : Texts.words(text)) {
				if (word[1] - word[0] >= 4 && shouting(text, word[0], word[1], policy)) {
					if (++shouted > policy.maxShoutedWords()) {
						findings.add(new Finding("tone.shouting", Severity.REPAIR, new Span(field.name(), word[0], word[1]),
								"A word in capitals reads as shouting: write it in normal case", text.substring(word[0], word[1])));
					}
				}
			}
		}
		if (spam.size() > policy.maxSpamTriggers()) {
			spam.replaceAll(finding -> new Finding(finding.ruleId(), Severity.REPAIR, finding.span(),
					"More than " + policy.maxSpamTriggers() + " spam-trigger phrase(s): remove them", finding.evidence()));
		}
		findings.addAll(spam);
	}

	private static boolean shouting(String text, int start, int end, Policy policy) {
		int letters = 0;
		for (int i = start; i < end; i++) {
			char c = text.charAt(i);
			if (Character.isLowerCase(c)) {
				return false;
			}
			if (Character.isLetter(c)) {
				letters++;
			}
		}
		return letters >= 4 && !policy.acronyms().contains(text.substring(start, end).toUpperCase(java.util.Locale.ROOT));
	}

	/** One finding per phrase found: at its place, or over the whole field when only normalizing revealed it. */
	static void phrases(CheckContext.Field field, String lower, String normalized, List<String> phrases, String ruleId,
			Severity severity, String message, List<Finding> findings) {
		for (var phrase : phrases) {
			int at = Texts.find(lower, phrase, 0);
			if (at >= 0) {
				findings.add(new Finding(ruleId, severity, new Span(field.name(), at, at + phrase.length()),
						message, field.text().substring(at, at + phrase.length())));
			}
			else if (normalized != lower && !normalized.equals(lower) && Texts.find(normalized, phrase, 0) >= 0) {
				findings.add(new Finding(ruleId, severity, new Span(field.name(), 0, field.text().length()),
						message + " (hidden by look-alike or invisible characters)", phrase));
			}
		}
	}
}
