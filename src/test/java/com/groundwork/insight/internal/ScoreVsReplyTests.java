package com.groundwork.insight.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Email score bands against reply rate, per prompt variant. */
class ScoreVsReplyTests {

	private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

	private static DraftFact fact(String variant, @Nullable Integer score, boolean sent, boolean replied) {
		Map<OutcomeType, Instant> outcomes = replied ? Map.of(OutcomeType.SENT, T, OutcomeType.REPLIED, T)
				: sent ? Map.of(OutcomeType.SENT, T) : Map.of();
		return new DraftFact(UUID.randomUUID(), "L-1", "intro", "outreach-intro@1", variant, "offline-drafter", 0,
				"api", null, BigDecimal.ZERO, T, null, 1, "PASSED", Set.of(), "APPROVED", null, 0, T,
				sent ? T : null, outcomes, null, score);
	}

	@Test
	void draftsFallIntoInclusiveBandsPerVariantAndUnscoredOnesAreLeftOut() {
		var rows = KpiService.scoreVsReply(List.of(fact("stable", 49, true, false), fact("stable", 50, true, true),
				fact("stable", 69, true, false), fact("stable", 70, false, false), fact("canary", 84, true, true),
				fact("stable", 85, true, true), fact("stable", 100, true, false), fact("stable", null, true, true)));

		assertThat(rows).extracting(KpiService.ScoreBand::band, KpiService.ScoreBand::variant,
				KpiService.ScoreBand::drafts, KpiService.ScoreBand::sent, KpiService.ScoreBand::replies)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("0-49", "intro · outreach-intro@1 (stable)", 1L, 1L, 0L),
					org.assertj.core.groups.Tuple.tuple("50-69", "intro · outreach-intro@1 (stable)", 2L, 2L, 1L),
					org.assertj.core.groups.Tuple.tuple("70-84", "intro · outreach-intro@1 (canary)", 1L, 1L, 1L),
					org.assertj.core.groups.Tuple.tuple("70-84", "intro · outreach-intro@1 (stable)", 1L, 0L, 0L),
					org.assertj.core.groups.Tuple.tuple("85-100", "intro · outreach-intro@1 (stable)", 2L, 2L, 1L));
		assertThat(rows.get(1).reply().rate()).isEqualTo(0.5);
		// nothing sent: no rate
		assertThat(rows.get(3).reply().rate()).isNull();
	}
}
