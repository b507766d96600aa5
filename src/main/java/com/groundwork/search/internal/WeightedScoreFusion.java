package com.groundwork.search.internal;

import com.groundwork.search.Passage.Ranking;
import com.groundwork.search.internal.SearchSettings.Normalization;
import java.util.List;
import java.util.Optional;

/**
 * Convex combination of normalized scores: {@code wl * norm(bm25) + wv * norm(cosine)}, plus {@code we * norm(cosine)}
 * for each further embedding model. BM25 scores are unbounded and
 * query-dependent, so each list is normalized on its own candidates: min-max to [0, 1], or z-scores. A chunk one search
 * missed gets that search's lowest normalized candidate score (it ranked below every candidate).
 */
class WeightedScoreFusion implements HitFusion {

	private final Normalization normalization;

	private final double lexicalWeight;

	private final double vectorWeight;

	private final double extraVectorWeight;

	WeightedScoreFusion(Normalization normalization, double lexicalWeight, double vectorWeight) {
		this(normalization, lexicalWeight, vectorWeight, 0);
	}

	WeightedScoreFusion(Normalization normalization, double lexicalWeight, double vectorWeight,
			double extraVectorWeight) {
		this.normalization = normalization;
		this.lexicalWeight = lexicalWeight;
		this.vectorWeight = vectorWeight;
		this.extraVectorWeight = extraVectorWeight;
	}

	@Override
	public List<FusedHit> fuse(List<Hit> lexical, List<Hit> vector, List<List<Hit>> extraVectors) {
		var lexicalScale = Scale.of(lexical, normalization);
		var vectorScale = Scale.of(vector, normalization);
		var extraScales = extraVectors.stream().map(hits -> Scale.of(hits, normalization)).toList();
		return HitFusion.combine(lexical, vector, extraVectors, (l, v, extras) -> {
			double score = lexicalWeight * lexicalScale.normalize(l) + vectorWeight * vectorScale.normalize(v);
			for (int i = 0; i < extras.size(); i++) {
				score += extraVectorWeight * extraScales.get(i).normalize(extras.get(i));
			}
			return score;
		});
	}

	/** How one list's raw scores map to normalized ones. */
	record Scale(double offset, double divisor, double missing) {

		static Scale of(List<Hit> hits, Normalization normalization) {
			if (hits.isEmpty()) {
				return new Scale(0, 1, 0);
			}
			double min = Double.POSITIVE_INFINITY;
			double max = Double.NEGATIVE_INFINITY;
			double sum = 0;
			for (var hit : hits) {
				min = Math.min(min, hit.score());
				max = Math.max(max, hit.score());
				sum += hit.score();
			}
			return switch (normalization) {
				case MIN_MAX -> max > min ? new Scale(min, max - min, 0) : new Scale(min - 1, 1, 0);
				case Z_SCORE -> {
					double mean = sum / hits.size();
					double squares = 0;
					for (var hit : hits) {
						squares += (hit.score() - mean) * (hit.score() - mean);
					}
					double deviation = Math.sqrt(squares / hits.size());
					var scale = new Scale(mean, deviation > 0 ? deviation : 1, 0);
					yield new Scale(scale.offset(), scale.divisor(), (min - scale.offset()) / scale.divisor());
				}
			};
		}

		double normalize(Optional<Ranking> ranking) {
			return ranking.map(r -> (r.score() - offset) / divisor).orElse(missing);
		}
	}
}
