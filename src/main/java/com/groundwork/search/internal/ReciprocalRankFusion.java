package com.groundwork.search.internal;

import com.groundwork.search.Passage.Ranking;
import java.util.List;
import java.util.Optional;

/**
 * Reciprocal rank fusion (Cormack et al., 2009): {@code w / (k + rank)} summed over the searches that found the chunk.
 * Ignores score scales altogether, so it needs no tuning to be reasonable; {@code k = 60} is the paper's constant.
 */
class ReciprocalRankFusion implements HitFusion {

	private final int k;

	private final double lexicalWeight;

	private final double vectorWeight;

	private final double extraVectorWeight;

	ReciprocalRankFusion(int k, double lexicalWeight, double vectorWeight) {
		this(k, lexicalWeight, vectorWeight, 0);
	}

	/** @param extraVectorWeight the weight of each further embedding model's list */
	ReciprocalRankFusion(int k, double lexicalWeight, double vectorWeight, double extraVectorWeight) {
		this.k = k;
		this.lexicalWeight = lexicalWeight;
		this.vectorWeight = vectorWeight;
		this.extraVectorWeight = extraVectorWeight;
	}

	@Override
	public List<FusedHit> fuse(List<Hit> lexical, List<Hit> vector, List<List<Hit>> extraVectors) {
		return HitFusion.combine(lexical, vector, extraVectors, this::score);
	}

	private double score(Optional<Ranking> lexical, Optional<Ranking> vector, List<Optional<Ranking>> extras) {
		double score = lexical.map(r -> lexicalWeight / (k + r.rank())).orElse(0.0)
				+ vector.map(r -> vectorWeight / (k + r.rank())).orElse(0.0);
		for (var extra : extras) {
			score += extra.map(r -> extraVectorWeight / (k + r.rank())).orElse(0.0);
		}
		return score;
	}
}
