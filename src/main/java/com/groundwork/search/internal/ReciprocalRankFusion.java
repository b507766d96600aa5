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

	ReciprocalRankFusion(int k, double lexicalWeight, double vectorWeight) {
		this.k = k;
		this.lexicalWeight = lexicalWeight;
		this.vectorWeight = vectorWeight;
	}

	@Override
	public List<FusedHit> fuse(List<Hit> lexical, List<Hit> vector) {
		return HitFusion.combine(lexical, vector, this::score);
	}

	private double score(Optional<Ranking> lexical, Optional<Ranking> vector) {
		return lexical.map(r -> lexicalWeight / (k + r.rank())).orElse(0.0)
				+ vector.map(r -> vectorWeight / (k + r.rank())).orElse(0.0);
	}
}
