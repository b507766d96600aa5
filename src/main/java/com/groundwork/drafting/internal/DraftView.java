package com.groundwork.drafting.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.groundwork.lead.LeadScore;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A draft as the API shows it: the text, each cited sentence with its passages, the lead's score, the guardrail
 * verdict ({@code PENDING} until guardrails exist) and, when asked for one draft, its provenance.
 *
 * @param citations the body's sentences that cite passages; {@code sentence} is the 0-based index in the body
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record DraftView(UUID id, String status, @Nullable String reason, String leadExternalId, String angle, String tone,
		String subject, String body, List<CitedSentenceView> citations, String callToAction, LeadScore leadScore,
		String verdict, Instant createdAt, @Nullable Instant submittedAt, Map<String, String> links,
		Draft.@Nullable Provenance provenance) {

	record CitedSentenceView(int sentence, String text, List<Draft.Citation> passages) {
	}

	static DraftView of(Draft draft, boolean withProvenance) {
		var cited = new ArrayList<CitedSentenceView>();
		var sentences = draft.content().sentences();
		for (int i = 0; i < sentences.size(); i++) {
			if (!sentences.get(i).citations().isEmpty()) {
				cited.add(new CitedSentenceView(i, sentences.get(i).text(), sentences.get(i).citations()));
			}
		}
		var lead = URLEncoder.encode(draft.leadExternalId(), StandardCharsets.UTF_8);
		return new DraftView(draft.id(), draft.status().name(), draft.failureReason(), draft.leadExternalId(),
				draft.angle(), draft.tone(), draft.subject(), draft.body(), cited, draft.content().callToAction(),
				draft.content().leadScore(), "PENDING", draft.createdAt(), draft.submittedAt(),
				Map.of("self", "/api/drafts/" + draft.id(), "lead", "/api/leads/" + lead, "sidebar",
						"/sidebar?lead=" + lead + "&angle=" + draft.angle()),
				withProvenance ? draft.provenance() : null);
	}
}
