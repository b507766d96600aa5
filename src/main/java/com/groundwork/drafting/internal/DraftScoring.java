package com.groundwork.drafting.internal;

import com.groundwork.drafting.EmailScore;
import com.groundwork.drafting.EvidenceSlot;
import com.groundwork.drafting.internal.scoring.EmailScorer;
import com.groundwork.drafting.internal.scoring.ScoreInput;
import com.groundwork.guardrail.Guardrails;
import com.groundwork.identity.TenantId;
import com.groundwork.lead.FeatureType;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Scores a written draft: turns what the pipeline holds (the tier's draft, the lead's generation-allowed features,
 * the evidence plan, the tenant's spam-trigger phrases) into the scorer's input. The score is advice; it never
 * changes or blocks the draft.
 */
class DraftScoring {

	private final EmailScorer scorer;
	private final Guardrails guardrails;

	DraftScoring(EmailScorer scorer, Guardrails guardrails) {
		this.scorer = scorer;
		this.guardrails = guardrails;
	}

	/**
	 * @param lead the lead as the tiers saw it (flagged fields withheld)
	 * @param language the language the draft is written in (its provenance's), which picks the readability formula
	 */
	EmailScore score(TenantId tenant, LeadContext lead, String language, ModelDraft draft, List<EvidenceSlot> plan) {
		var sentences = draft.sentences().stream().map(ModelDraft.Sentence::text).toList();
		int filled = (int) plan.stream().filter(EvidenceSlot::filled).count();
		return scorer.score(new ScoreInput(language, draft.subject(), sentences, draft.callToAction(),
				leadValues(lead), plan.size(), filled, guardrails.spamTriggers(tenant, language)));
	}

	/**
	 * The values a reader would recognise as about them: texts, categories and list items of the generation-allowed
	 * features (categories and list items also with spaces for hyphens, as the offline phrases write them); the
	 * language is how the email is written, not a detail about the lead.
	 */
	static List<String> leadValues(LeadContext lead) {
		var values = new LinkedHashSet<String>();
		for (var feature : lead.minimized().values()) {
			if (feature.name().equals("contact.language") || feature.value().isBlank()) {
				continue;
			}
			if (feature.type() == FeatureType.TEXT) {
				values.add(feature.value().strip());
			}
			else if (feature.type() == FeatureType.CATEGORY || feature.type() == FeatureType.LIST) {
				for (var item : feature.value().split(",")) {
					if (!item.isBlank()) {
						values.add(item.strip());
						values.add(item.strip().replace('-', ' '));
					}
				}
			}
		}
		return List.copyOf(values);
	}
}
