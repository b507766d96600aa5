package com.groundwork.insight.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Everything insight knows of one generated draft: how it was made, its first guardrail verdict, the reviewer's
 * decision, its release and its outcomes (earliest time per type).
 *
 * @param verdict {@code PASSED}, {@code NEEDS_REPAIR} or {@code BLOCKED}; null until checked
 * @param decision {@code APPROVED} or {@code REJECTED}; null until decided
 * @param emailScore the draft's email score (0–100); null when it was not scored
 */
record DraftFact(UUID draftId, String leadExternalId, String angle, String prompt, String variant, String model,
		int tier, String channel, @Nullable String campaign, BigDecimal cost, Instant generatedAt,
		@Nullable Double retrievalTop, double confidence, @Nullable String verdict, Set<String> rules,
		@Nullable String decision, @Nullable String reason, int editDistance, @Nullable Instant decidedAt,
		@Nullable Instant releasedAt, Map<OutcomeType, Instant> outcomes, @Nullable BigDecimal amount,
		@Nullable Integer emailScore) {

	DraftFact {
		rules = Set.copyOf(rules);
		outcomes = Map.copyOf(outcomes);
	}

	boolean checked() {
		return verdict != null;
	}

	boolean blocked() {
		return "BLOCKED".equals(verdict);
	}

	boolean decided() {
		return decision != null;
	}

	boolean approved() {
		return "APPROVED".equals(decision);
	}

	/** Sent: released, or any outcome reported (the e-mail system may report before the release event arrives). */
	boolean sent() {
		return releasedAt != null || !outcomes.isEmpty();
	}

	/** An outcome, or one that implies it (a reply was opened; anything reported was sent). */
	boolean reached(OutcomeType type) {
		return switch (type) {
			case SENT -> sent();
			case OPENED -> outcomes.containsKey(OutcomeType.OPENED) || outcomes.containsKey(OutcomeType.REPLIED);
			default -> outcomes.containsKey(type);
		};
	}

	/** When it was sent: the release, or else the earliest outcome. */
	@Nullable Instant sentAt() {
		if (releasedAt != null) {
			return releasedAt;
		}
		return outcomes.values().stream().min(Instant::compareTo).orElse(null);
	}
}
