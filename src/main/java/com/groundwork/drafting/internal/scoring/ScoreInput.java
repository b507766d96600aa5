package com.groundwork.drafting.internal.scoring;

import java.util.List;
import java.util.Set;

/**
 * What a draft's score is computed from; nothing else is looked at.
 *
 * @param language the draft's language (ISO 639-1); {@code en} and {@code de} have their own readability formula,
 * others are read with the English one
 * @param bodySentences the body, greeting first, call to action excluded
 * @param leadValues the lead's feature values allowed for generation (company, first name, title, industry, pains …)
 * @param slotsPlanned slots of the evidence plan; {@code slotsFilled} how many got a passage
 * @param spamTriggers lower-case phrases for the draft's language, from the guardrail policy
 */
public record ScoreInput(String language, String subject, List<String> bodySentences, String callToAction,
		List<String> leadValues, int slotsPlanned, int slotsFilled, Set<String> spamTriggers) {

	public ScoreInput {
		language = language == null ? "" : language;
		subject = subject == null ? "" : subject;
		bodySentences = bodySentences == null ? List.of() : List.copyOf(bodySentences);
		callToAction = callToAction == null ? "" : callToAction;
		leadValues = leadValues == null ? List.of() : List.copyOf(leadValues);
		spamTriggers = spamTriggers == null ? Set.of() : Set.copyOf(spamTriggers);
		if (slotsPlanned < 0 || slotsFilled < 0 || slotsFilled > slotsPlanned) {
			throw new IllegalArgumentException(
					"slots filled (" + slotsFilled + ") must be between 0 and slots planned (" + slotsPlanned + ")");
		}
	}
}
