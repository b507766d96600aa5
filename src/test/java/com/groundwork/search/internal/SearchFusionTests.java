package com.groundwork.search.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.groundwork.search.Passage.Ranking;
import com.groundwork.search.internal.SearchSettings.Normalization;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Fusion arithmetic, checked against values computed by hand. */
class SearchFusionTests {

	// lexical: doc 1 (12.0), doc 2 (8.0), doc 3 (4.0); vector: doc 3 (0.9), doc 4 (0.8), doc 1 (0.5)
	static final List<Hit> LEXICAL = List.of(new Hit(1, 12f), new Hit(2, 8f), new Hit(3, 4f));

	static final List<Hit> VECTOR = List.of(new Hit(3, 0.9f), new Hit(4, 0.8f), new Hit(1, 0.5f));

	@Test
	void reciprocalRankFusionSumsOneOverKPlusRank() {
		var fused = new ReciprocalRankFusion(60, 1, 1).fuse(LEXICAL, VECTOR);

		// doc 1: 1/61 + 1/63 = 0.032266; doc 3: 1/63 + 1/61 (same); doc 2: 1/62 = 0.016129; doc 4: 1/62
		assertThat(fused).extracting(FusedHit::doc).containsExactly(1, 3, 2, 4);
		assertThat(fused.get(0).score()).isCloseTo(1.0 / 61 + 1.0 / 63, within(1e-12));
		assertThat(fused.get(1).score()).isCloseTo(1.0 / 63 + 1.0 / 61, within(1e-12));
		assertThat(fused.get(2).score()).isCloseTo(1.0 / 62, within(1e-12));
		assertThat(fused.get(0).lexical()).contains(new Ranking(1, 12f));
		assertThat(fused.get(0).vector()).contains(new Ranking(3, 0.5f));
		assertThat(fused.get(3).lexical()).isEmpty();
	}

	@Test
	void weightedReciprocalRankFusion() {
		var fused = new ReciprocalRankFusion(10, 1, 3).fuse(LEXICAL, VECTOR);

		// doc 3: 1/13 + 3/11 = 0.349650; doc 4: 3/12 = 0.25; doc 1: 1/11 + 3/13 = 0.321678; doc 2: 1/12
		assertThat(fused).extracting(FusedHit::doc).containsExactly(3, 1, 4, 2);
		assertThat(fused.getFirst().score()).isCloseTo(1.0 / 13 + 3.0 / 11, within(1e-12));
	}

	@Test
	void minMaxWeightedFusion() {
		var fused = new WeightedScoreFusion(Normalization.MIN_MAX, 0.4, 0.6).fuse(LEXICAL, VECTOR);

		// lexical min-max: 1 -> 1, 2 -> 0.5, 3 -> 0; vector: 3 -> 1, 4 -> 0.75, 1 -> 0; missing -> 0
		// doc 1: 0.4; doc 2: 0.2; doc 3: 0.6; doc 4: 0.45
		assertThat(fused).extracting(FusedHit::doc).containsExactly(3, 4, 1, 2);
		assertThat(fused.get(0).score()).isCloseTo(0.6, within(1e-6));
		assertThat(fused.get(1).score()).isCloseTo(0.45, within(1e-6));
		assertThat(fused.get(2).score()).isCloseTo(0.4, within(1e-6));
		assertThat(fused.get(3).score()).isCloseTo(0.2, within(1e-6));
	}

	@Test
	void zScoreWeightedFusion() {
		var fused = new WeightedScoreFusion(Normalization.Z_SCORE, 0.5, 0.5).fuse(LEXICAL, VECTOR);

		// lexical mean 8, population sd sqrt(32/3) = 3.265986: z = 1.224745, 0, -1.224745 (missing -> -1.224745)
		// vector mean 0.733333, sd sqrt(0.086667/3) = 0.169967: z(3) = 0.980581, z(4) = 0.392232, z(1) = -1.372813
		double lexicalSd = Math.sqrt(32.0 / 3);
		double vectorMean = (0.9 + 0.8 + 0.5) / 3;
		double vectorSd = Math.sqrt((Math.pow(0.9 - vectorMean, 2) + Math.pow(0.8 - vectorMean, 2)
				+ Math.pow(0.5 - vectorMean, 2)) / 3);
		double z1 = 0.5 * (4 / lexicalSd) + 0.5 * ((0.5 - vectorMean) / vectorSd);
		double z2 = 0.5 * 0 + 0.5 * ((0.5 - vectorMean) / vectorSd);
		double z3 = 0.5 * (-4 / lexicalSd) + 0.5 * ((0.9 - vectorMean) / vectorSd);
		double z4 = 0.5 * (-4 / lexicalSd) + 0.5 * ((0.8 - vectorMean) / vectorSd);

		// fused: doc 1 -0.0740, doc 3 -0.1221, doc 4 -0.4163, doc 2 -0.6864
		assertThat(fused).extracting(FusedHit::doc).containsExactly(1, 3, 4, 2);
		assertThat(fused.stream().filter(h -> h.doc() == 1).findFirst().orElseThrow().score()).isCloseTo(z1,
				within(1e-5));
		assertThat(fused.stream().filter(h -> h.doc() == 2).findFirst().orElseThrow().score()).isCloseTo(z2,
				within(1e-5));
		assertThat(fused.stream().filter(h -> h.doc() == 3).findFirst().orElseThrow().score()).isCloseTo(z3,
				within(1e-5));
		assertThat(fused.stream().filter(h -> h.doc() == 4).findFirst().orElseThrow().score()).isCloseTo(z4,
				within(1e-5));
	}

	@Test
	void aSingleCandidateOrEqualScoresNormalizeToOne() {
		var fused = new WeightedScoreFusion(Normalization.MIN_MAX, 0.5, 0.5).fuse(List.of(new Hit(7, 3f)),
				List.of());

		assertThat(fused).singleElement().satisfies(hit -> {
			assertThat(hit.score()).isEqualTo(0.5);
			assertThat(hit.vector()).isEqualTo(Optional.empty());
		});
	}

	@Test
	void emptyListsFuseToNothing() {
		assertThat(new ReciprocalRankFusion(60, 1, 1).fuse(List.of(), List.of())).isEmpty();
		assertThat(new WeightedScoreFusion(Normalization.Z_SCORE, 1, 1).fuse(List.of(), List.of())).isEmpty();
	}

	@Test
	void furtherEmbeddingModelsJoinWeightedFusionWithTheirOwnWeight() {
		// second model: doc 4 (0.7), doc 2 (0.5), doc 5 (0.4); min-max: doc 4 1.0, doc 2 1/3, doc 5 0
		var extra = List.of(new Hit(4, 0.7f), new Hit(2, 0.5f), new Hit(5, 0.4f));
		var fused = new WeightedScoreFusion(Normalization.MIN_MAX, 0.4, 0.6, 0.3).fuse(LEXICAL, VECTOR, List.of(extra));

		// doc 4: 0.4*0 + 0.6*0.75 + 0.3*1 = 0.75; doc 1: 0.4*1 + 0.6*0 + 0.3*0 = 0.4; doc 2: 0.4*0.5 + 0 + 0.3/3 = 0.3
		// doc 3: 0 + 0.6*1 + 0 = 0.6; doc 5: 0 + 0 + 0 = 0
		assertThat(fused).extracting(FusedHit::doc).containsExactly(4, 3, 1, 2, 5);
		assertThat(fused.getFirst().score()).isCloseTo(0.75, within(1e-6));
		assertThat(fused.get(3).score()).isCloseTo(0.3, within(1e-6));
		// the explanation keeps the primary model's ranking
		assertThat(fused.getFirst().vector()).contains(new Ranking(2, 0.8f));
	}

	@Test
	void furtherEmbeddingModelsJoinReciprocalRankFusion() {
		var extra = List.of(new Hit(2, 0.7f));
		var fused = new ReciprocalRankFusion(60, 1, 1, 0.5).fuse(LEXICAL, VECTOR, List.of(extra));

		var doc2 = fused.stream().filter(hit -> hit.doc() == 2).findFirst().orElseThrow();
		assertThat(doc2.score()).isCloseTo(1.0 / 62 + 0.5 / 61, within(1e-12));
		// without the further list, fusing is what it was
		assertThat(new ReciprocalRankFusion(60, 1, 1, 0.5).fuse(LEXICAL, VECTOR))
			.isEqualTo(new ReciprocalRankFusion(60, 1, 1).fuse(LEXICAL, VECTOR));
	}
}
