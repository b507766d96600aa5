package com.groundwork.drafting.internal;

import com.groundwork.identity.TenantId;
import com.groundwork.lead.LeadScore;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import com.groundwork.drafting.EmailScore;
import com.groundwork.drafting.EvidenceSlot;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** A stored draft: what was written, what supports each sentence, and exactly how it was made. */
record Draft(UUID id, TenantId tenant, String leadExternalId, String angle, String tone, String channel,
		Status status, @Nullable String failureReason, String subject, Content content, Provenance provenance,
		@Nullable UUID shadowOf, String createdBy, Instant createdAt, @Nullable Instant submittedAt) {

	enum Status {
		/** Written and grounded; waiting for guardrails and review. */
		GENERATED,
		/** No tier could write it; {@code failureReason} says why. */
		FAILED,
		/** Sent to review by its author. */
		SUBMITTED
	}

	/** The body and what it stands on. */
	/** @param score how ready the draft is to send ({@link EmailScore#NONE} for a failed draft and older rows) */
	record Content(List<CitedSentence> sentences, String callToAction, LeadScore leadScore, EmailScore score) {

		Content {
			sentences = List.copyOf(sentences);
			score = score == null ? EmailScore.NONE : score;
		}
	}

	/** One sentence and the passages that support it (none for greetings and transitions). */
	record CitedSentence(String text, List<Citation> citations) {

		CitedSentence {
			citations = List.copyOf(citations);
		}
	}

	/** A passage a sentence cites. */
	record Citation(UUID passageId, UUID documentId, String documentTitle, String headingPath, String snippet,
			String contentHash) {
	}

	/**
	 * How a draft was made.
	 *
	 * @param prompt {@code id@version}
	 * @param variant {@code stable}, {@code canary} or {@code shadow}
	 * @param passages every retrieved passage the tier saw, {@code chunkId@contentHash}
	 * @param featureSnapshot {@code snapshotId@contentHash}
	 * @param latencyMillis the whole generation, model time included
	 * @param modelMillis the model's share of it
	 * @param attempts the tiers tried, in order, with their outcome
	 * @param language the language the draft is written in (ISO 639-1)
	 * @param plan the evidence plan: each slot the angle needs, the passage that filled it and why
	 */
	record Provenance(String prompt, String variant, String model, int tier, List<String> passages,
			String featureSnapshot, String query, int promptTokens, int completionTokens, BigDecimal cost,
			long latencyMillis, long modelMillis, boolean cached, boolean repaired, List<Attempt> attempts,
			String language, List<EvidenceSlot> plan) {

		Provenance {
			passages = List.copyOf(passages);
			attempts = List.copyOf(attempts);
			language = language == null ? "" : language;
			plan = plan == null ? List.of() : List.copyOf(plan);
		}
	}

	/** One tier's try. */
	record Attempt(int tier, String model, String outcome, @Nullable String reason) {
	}

	/** Greeting, sentences and call to action as one text. */
	String body() {
		if (content.sentences().isEmpty()) {
			return "";
		}
		var sentences = content.sentences();
		var greeting = sentences.getFirst().text();
		var rest = sentences.stream().skip(1).map(CitedSentence::text).collect(Collectors.joining(" "));
		return greeting + "\n\n" + rest + "\n\n" + content.callToAction();
	}
}
