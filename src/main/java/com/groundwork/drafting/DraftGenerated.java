package com.groundwork.drafting;

import com.groundwork.identity.TenantId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A draft was generated and stored, published in the transaction that stored it. Carries no personal data and no
 * draft text: read the draft through the drafting API. Failed and shadow drafts publish nothing.
 *
 * @param prompt the prompt it was generated from, {@code id@version}
 * @param model the model that wrote it ({@code offline-drafter} for tier 0)
 * @param tier 0 (offline), 1 (small model) or 2 (large model)
 * @param featureSnapshot the lead feature snapshot it was grounded in, {@code id@contentHash}
 * @param variant the prompt variant, {@code stable} or {@code canary}
 * @param channel {@code api}, {@code sidebar} or {@code campaign}
 * @param figures what it cost and what it stood on, for metrics and KPIs
 */
public record DraftGenerated(TenantId tenant, UUID draftId, String leadExternalId, String angle, String prompt,
		String model, int tier, String featureSnapshot, Instant occurredAt, String variant, String channel,
		Figures figures) {

	public DraftGenerated {
		Objects.requireNonNull(tenant, "tenant");
		Objects.requireNonNull(draftId, "draftId");
		Objects.requireNonNull(leadExternalId, "leadExternalId");
		Objects.requireNonNull(angle, "angle");
		Objects.requireNonNull(prompt, "prompt");
		Objects.requireNonNull(model, "model");
		Objects.requireNonNull(featureSnapshot, "featureSnapshot");
		Objects.requireNonNull(occurredAt, "occurredAt");
		// events stored before these fields existed are read back without them
		variant = variant == null ? "stable" : variant;
		channel = channel == null ? "api" : channel;
		figures = figures == null ? Figures.NONE : figures;
	}

	/** Without figures, as published before they were carried. */
	public DraftGenerated(TenantId tenant, UUID draftId, String leadExternalId, String angle, String prompt,
			String model, int tier, String featureSnapshot, Instant occurredAt) {
		this(tenant, draftId, leadExternalId, angle, prompt, model, tier, featureSnapshot, occurredAt, "stable", "api",
				Figures.NONE);
	}

	/**
	 * @param cost in the currency of the tiers' configured prices (0 for tier 0 and cached drafts)
	 * @param latencyMillis the whole generation; {@code modelMillis} the model's share of it
	 * @param retrievalScores the vector-search score of each passage the tier saw, in rank order (the similarity of
	 * the draft's query to the passage; how well the knowledge fits the lead)
	 * @param confidence the share of the body's sentences (greeting left out) that the tier supported with a citation,
	 * 0 to 1: the tiers report no calibrated probability, so this is how much of its draft the model could ground
	 * @param emailScore the draft's email score (0–100), or null when it was not scored (events published before
	 * scores existed)
	 */
	public record Figures(int promptTokens, int completionTokens, BigDecimal cost, long latencyMillis, long modelMillis,
			List<Double> retrievalScores, double confidence, @Nullable Integer emailScore) {

		public static final Figures NONE = new Figures(0, 0, BigDecimal.ZERO, 0, 0, List.of(), 0, null);

		/** Without an email score, as published before scores existed. */
		public Figures(int promptTokens, int completionTokens, BigDecimal cost, long latencyMillis, long modelMillis,
				List<Double> retrievalScores, double confidence) {
			this(promptTokens, completionTokens, cost, latencyMillis, modelMillis, retrievalScores, confidence, null);
		}

		public Figures {
			cost = cost == null ? BigDecimal.ZERO : cost;
			retrievalScores = retrievalScores == null ? List.of() : List.copyOf(retrievalScores);
		}

		/** The best passage's score, or null when no passage had one. */
		public @Nullable Double topRetrievalScore() {
			return retrievalScores.stream().max(Double::compare).orElse(null);
		}
	}
}
