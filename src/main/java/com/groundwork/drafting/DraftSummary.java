package com.groundwork.drafting;

import com.groundwork.identity.TenantId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A stored draft as other modules see it.
 *
 * @param status {@code GENERATED}, {@code FAILED} or {@code SUBMITTED}
 * @param failureReason why no tier could write it (FAILED only)
 * @param sentences the body sentence by sentence (greeting first), each with its citations
 * @param prompt {@code id@version}; {@code variant} is {@code stable}, {@code canary} or {@code shadow}
 * @param passages every passage the tier saw, {@code chunkId@contentHash}
 * @param featureSnapshot {@code snapshotId@contentHash}
 * @param shadowOf the draft this one shadows (never shown or released), or null
 * @param language the language the draft is written in (ISO 639-1)
 * @param plan the evidence plan: what the email needed, the passage chosen for each slot and why
 * @param score how ready the draft is to send (never blocks)
 */
public record DraftSummary(UUID id, TenantId tenant, String leadExternalId, String angle, String tone, String channel,
		String status, @Nullable String failureReason, String subject, List<Sentence> sentences, String callToAction,
		int leadScore, String prompt, String variant, String model, int tier, List<String> passages,
		String featureSnapshot, int promptTokens, int completionTokens, BigDecimal cost, @Nullable UUID shadowOf,
		String requestedBy, Instant createdAt, String language, List<EvidenceSlot> plan, EmailScore score) {

	public DraftSummary {
		Objects.requireNonNull(id, "id");
		sentences = List.copyOf(sentences);
		passages = List.copyOf(passages);
		language = language == null ? "" : language;
		plan = plan == null ? List.of() : List.copyOf(plan);
		score = score == null ? EmailScore.NONE : score;
	}

	/** Greeting, sentences and call to action as one text, paragraphs separated by blank lines. */
	public String body() {
		if (sentences.isEmpty()) {
			return "";
		}
		var rest = String.join(" ", sentences.stream().skip(1).map(Sentence::text).toList());
		return sentences.getFirst().text() + "\n\n" + rest + "\n\n" + callToAction;
	}

	public record Sentence(String text, List<Citation> citations) {
		public Sentence {
			citations = List.copyOf(citations);
		}
	}

	/** @param passageId the chunk id */
	public record Citation(UUID passageId, UUID documentId, String documentTitle, String headingPath, String snippet,
			String contentHash) {
	}
}
