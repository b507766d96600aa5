package com.groundwork.drafting.internal;

import com.groundwork.drafting.EmailScore;
import com.groundwork.drafting.EvidenceSlot;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.groundwork.guardrail.Finding;
import com.groundwork.guardrail.Guardrails;
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
 * verdict with its findings and, when asked for one draft, its provenance.
 *
 * @param citations the body's sentences that cite passages; {@code sentence} is the 0-based index in the body
 * @param verdict {@code PASSED}, {@code NEEDS_REPAIR} or {@code BLOCKED}; {@code NONE} for a failed draft
 * @param findings what the guardrails found, most severe first; a span's field {@code sentence[i]} is the i-th
 * sentence of the body (greeting first), {@code subject} or {@code callToAction}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record DraftView(UUID id, String status, @Nullable String reason, String leadExternalId, String angle, String tone,
		String subject, String body, List<CitedSentenceView> citations, String callToAction, LeadScore leadScore,
		String verdict, List<Finding> findings, Instant createdAt, @Nullable Instant submittedAt,
		Map<String, String> links, Draft.@Nullable Provenance provenance, String language, List<EvidenceSlot> plan,
		EmailScore score) {

	record CitedSentenceView(int sentence, String text, List<Draft.Citation> passages) {
	}

	static DraftView of(Draft draft, Guardrails.@Nullable RecordedVerdict verdict, boolean withProvenance) {
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
				draft.content().leadScore(), FindingMarks.verdictName(draft, verdict),
				verdict == null ? List.of() : verdict.verdict().findings(), draft.createdAt(), draft.submittedAt(),
				Map.of("self", "/api/drafts/" + draft.id(), "lead", "/api/leads/" + lead, "sidebar",
						"/sidebar?lead=" + lead + "&angle=" + draft.angle()),
				withProvenance ? draft.provenance() : null, draft.provenance().language(), draft.provenance().plan(),
				draft.content().score());
	}
}
