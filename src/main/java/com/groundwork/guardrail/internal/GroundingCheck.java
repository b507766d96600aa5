package com.groundwork.guardrail.internal;

import com.groundwork.guardrail.Finding;
import com.groundwork.guardrail.Severity;
import com.groundwork.guardrail.Span;
import java.util.List;

/**
 * Every factual sentence carries a citation, and each of its claims (numbers, percentages, names, product names)
 * appears in a passage it cites or in the lead's facts. Subject and call to action cite nothing, so their claims
 * must come from the lead's facts. Rules: {@code grounding.uncited}, {@code grounding.unsupported},
 * {@code grounding.unknown-citation}.
 */
final class GroundingCheck implements Check {

	@Override
	public void run(CheckContext context, List<Finding> findings) {
		for (var field : context.fields) {
			for (var cited : field.citations()) {
				if (!context.passages.containsKey(cited)) {
					findings.add(new Finding("grounding.unknown-citation", Severity.REPAIR,
							new Span(field.name(), 0, field.text().length()),
							"Cites '" + cited + "', which is not among the passages given; cite one of them", cited));
				}
			}
			String evidence = null;
			for (var claim : Claims.of(field.text(), context.policy, context.wording)) {
				if (Claims.supported(claim, context.facts, context)) {
					continue;
				}
				if (field.citations().isEmpty()) {
					findings.add(new Finding("grounding.uncited", Severity.REPAIR,
							new Span(field.name(), claim.start(), claim.end()),
							"'" + claim.text() + "' is a claim, but " + where(field)
									+ " cites no passage and the lead's facts do not hold it: cite the passage that"
									+ " states it, or remove it",
							claim.text()));
					continue;
				}
				if (evidence == null) {
					evidence = context.evidenceOf(field);
				}
				if (!Claims.supported(claim, evidence, context)) {
					findings.add(new Finding("grounding.unsupported", Severity.REPAIR,
							new Span(field.name(), claim.start(), claim.end()),
							"'" + claim.text() + "' is in neither the cited passage" + (field.citations().size() > 1 ? "s" : "")
									+ " " + field.citations() + " nor the lead's facts: state only what the passage says",
							claim.text()));
				}
			}
		}
	}

	private static String where(CheckContext.Field field) {
		return field.sentence() ? "the sentence" : "the " + (field.name().equals("subject") ? "subject" : "call to action");
	}
}
