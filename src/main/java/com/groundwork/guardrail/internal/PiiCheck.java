package com.groundwork.guardrail.internal;

import com.groundwork.guardrail.Finding;
import com.groundwork.guardrail.Severity;
import com.groundwork.guardrail.Span;
import java.util.List;
import java.util.Locale;

/**
 * Personal data in the draft: only the lead's own values allowed for generation may appear. Strict types (e-mail,
 * phone, card, IBAN, SSN, IP, …) are refused unless they are such a value (or an address at one of the tenant's own
 * domains); other types (names, places) pass when quoted from a cited passage. Rule ids are {@code pii.<type>}, e.g.
 * {@code pii.credit-card}; evidence is masked.
 */
final class PiiCheck implements Check {

	private final PiiDetector detector;

	PiiCheck(PiiDetector detector) {
		this.detector = detector;
	}

	@Override
	public void run(CheckContext context, List<Finding> findings) {
		var policy = context.policy;
		for (var field : context.fields) {
			List<PiiEntity> entities;
			try {
				entities = detector.detect(field.text());
			}
			catch (RuntimeException ex) {
				findings.add(new Finding("pii.detector-failed", Severity.REPAIR, new Span(field.name(), 0, field.text().length()),
						"The personal-data detector failed on this text; a reviewer must check it", ""));
				continue;
			}
			for (var entity : entities) {
				if (entity.score() < policy.piiMinScore() || policy.ignoredPiiTypes().contains(entity.type())
						|| entity.start() < 0 || entity.end() > field.text().length() || entity.end() <= entity.start()) {
					continue;
				}
				var value = field.text().substring(entity.start(), entity.end());
				var lower = Texts.lower(value.strip());
				if (lower.isEmpty() || ownValue(context, lower)) {
					continue;
				}
				boolean strict = policy.strictPiiTypes().contains(entity.type());
				if (!strict && germanCommonNoun(context, value)) {
					continue; // German capitalizes nouns: "Kürzere Standzeiten" is no name
				}
				if (strict && "EMAIL_ADDRESS".equals(entity.type()) && lower.contains("@")
						&& Texts.hostAllowed(lower.substring(lower.lastIndexOf('@') + 1), policy.allowedDomains())) {
					continue; // the tenant's own address, e.g. its support desk
				}
				if (!strict && Texts.contains(context.evidenceOf(field), lower)) {
					continue; // quoted from a cited passage: public knowledge, not a lead's data
				}
				var severity = policy.blockPiiTypes().contains(entity.type()) ? Severity.BLOCK : Severity.REPAIR;
				findings.add(new Finding(ruleId(entity.type()), severity, new Span(field.name(), entity.start(), entity.end()),
						"Personal data (" + entity.type() + ") that is not one of the lead's values allowed for generation: "
								+ (severity == Severity.BLOCK ? "it may never appear in outreach" : "remove it"),
						entity.type() + " " + Texts.maskValue(value)));
			}
		}
	}

	/** The lead's own allowed value (or part of one, e.g. the first name of a greeting). */
	private static boolean ownValue(CheckContext context, String lower) {
		return Texts.contains(context.facts, lower);
	}

	/** In a language that capitalizes nouns, a found name holding a common noun of the policy's lists. */
	private static boolean germanCommonNoun(CheckContext context, String value) {
		if (!context.wording.capitalizesNouns()) {
			return false;
		}
		for (var word : value.split("[\\s,.;:]+")) {
			if (!word.isEmpty() && Character.isUpperCase(word.charAt(0)) && Claims.commonNoun(word, context.wording)) {
				return true;
			}
		}
		return false;
	}

	static String ruleId(String type) {
		return "pii." + type.toLowerCase(Locale.ROOT).replace('_', '-');
	}
}
