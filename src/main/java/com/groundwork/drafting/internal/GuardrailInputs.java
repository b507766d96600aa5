package com.groundwork.drafting.internal;

import com.groundwork.guardrail.DraftCheck;
import com.groundwork.guardrail.Finding;
import com.groundwork.guardrail.Recipient;
import com.groundwork.lead.FeatureSnapshot;
import com.groundwork.lead.FeatureType;
import com.groundwork.lead.FeatureValue;
import com.groundwork.lead.MinimizedFeatures;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What the guardrails get from drafting: the lead's facts (the minimized features), its untrusted text (free-text CRM
 * and contact fields, notes included), the recipient (from the full snapshot: address, country, consent) and the
 * draft as sentences citing chunk ids.
 */
final class GuardrailInputs {

	private GuardrailInputs() {
	}

	/** Free-text features of the whole snapshot, name → value: CRM notes, names, titles, anything a CRM user typed. */
	static Map<String, String> untrusted(FeatureSnapshot snapshot) {
		var inputs = new LinkedHashMap<String, String>();
		for (var value : snapshot.values()) {
			if (value.type() == FeatureType.TEXT && !value.value().isBlank()) {
				inputs.put(value.name(), value.value());
			}
		}
		return inputs;
	}

	/**
	 * The features allowed for generation (after the screen withheld flagged ones), name → value. The guardrails let
	 * only contract-shaped values among them ground a claim: never notes, never prose ({@code GroundingFacts}).
	 */
	static Map<String, String> facts(MinimizedFeatures minimized) {
		var facts = new LinkedHashMap<String, String>();
		minimized.values().forEach(value -> facts.put(value.name(), value.value()));
		return facts;
	}

	static @Nullable Recipient recipient(FeatureSnapshot snapshot) {
		var email = text(snapshot, "contact.email");
		if (email == null) {
			return null;
		}
		LocalDate granted = null;
		var grantedAt = text(snapshot, "consent.granted-at");
		if (grantedAt != null) {
			try {
				granted = LocalDate.parse(grantedAt.length() > 10 ? grantedAt.substring(0, 10) : grantedAt);
			}
			catch (DateTimeParseException unreadable) {
				granted = null; // an unreadable date is no recorded consent
			}
		}
		return new Recipient(email, text(snapshot, "contact.country"), text(snapshot, "consent.status"),
				text(snapshot, "consent.basis"), text(snapshot, "consent.source"), granted);
	}

	private static @Nullable String text(FeatureSnapshot snapshot, String name) {
		return snapshot.value(name).map(FeatureValue::value).filter(value -> !value.isBlank()).orElse(null);
	}

	static List<DraftCheck.Passage> passages(List<GroundingPassage> passages) {
		return passages.stream()
			.map(grounding -> new DraftCheck.Passage(grounding.passage().chunkId().toString(),
					grounding.passage().documentTitle(), grounding.passage().text()))
			.toList();
	}

	/** Passage ids and feature names the screen flagged. */
	static Set<String> flagged(List<Finding> screened, String prefix) {
		var flagged = new HashSet<String>();
		for (var finding : screened) {
			if (finding.span() != null && finding.span().field().startsWith(prefix)) {
				flagged.add(finding.span().field().substring(prefix.length()));
			}
		}
		return flagged;
	}

	/** The draft as the guardrails read it, in the lead's language (ISO 639-1): its sentences cite chunk ids. */
	static DraftCheck check(GenerationRequest request, @Nullable UUID draftId, ModelDraft draft,
			Map<String, GroundingPassage> byLabel, List<DraftCheck.Passage> passages, Map<String, String> facts,
			Map<String, String> untrusted, @Nullable Recipient recipient, String language) {
		var sentences = new ArrayList<DraftCheck.Sentence>();
		for (var sentence : draft.sentences()) {
			sentences.add(new DraftCheck.Sentence(sentence.text(), sentence.passages()
				.stream()
				.distinct()
				.map(label -> byLabel.containsKey(label) ? byLabel.get(label).passage().chunkId().toString() : label)
				.toList()));
		}
		return new DraftCheck(request.tenant(), draftId, request.channel().name().toLowerCase(java.util.Locale.ROOT),
				draft.subject(), sentences, draft.callToAction(), passages, facts, untrusted, recipient, language);
	}
}
