package com.groundwork.search.internal;

import com.groundwork.search.Passage.Ranking;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the lexical and the vector candidates (each best first) into one ranking; with further embedding models, their
 * vector candidates join as further lists.
 */
@FunctionalInterface
interface HitFusion {

	/** Every candidate of any list, best first. */
	List<FusedHit> fuse(List<Hit> lexical, List<Hit> vector, List<List<Hit>> extraVectors);

	/** Every candidate of either list, best first. */
	default List<FusedHit> fuse(List<Hit> lexical, List<Hit> vector) {
		return fuse(lexical, vector, List.of());
	}

	/** Best first; equal scores keep the better rank in either list first, then the lower doc id (deterministic). */
	Comparator<FusedHit> ORDER = Comparator.comparingDouble(FusedHit::score)
		.reversed()
		.thenComparingInt(HitFusion::bestRank)
		.thenComparingInt(FusedHit::doc);

	private static int bestRank(FusedHit hit) {
		return Math.min(hit.lexical().map(Ranking::rank).orElse(Integer.MAX_VALUE),
				hit.vector().map(Ranking::rank).orElse(Integer.MAX_VALUE));
	}

	/** The rank and score of every doc in a list, by doc. */
	static Map<Integer, Ranking> rankings(List<Hit> hits) {
		var rankings = new HashMap<Integer, Ranking>(hits.size() * 2);
		for (int i = 0; i < hits.size(); i++) {
			rankings.putIfAbsent(hits.get(i).doc(), new Ranking(i + 1, hits.get(i).score()));
		}
		return rankings;
	}

	/** Scores every doc of the union with {@code score} and sorts. */
	static List<FusedHit> combine(List<Hit> lexical, List<Hit> vector, List<List<Hit>> extraVectors, Scorer score) {
		var lexicalRanks = rankings(lexical);
		var vectorRanks = rankings(vector);
		var extraRanks = extraVectors.stream().map(HitFusion::rankings).toList();
		var docs = new java.util.LinkedHashSet<Integer>(lexicalRanks.keySet());
		docs.addAll(vectorRanks.keySet());
		extraRanks.forEach(ranks -> docs.addAll(ranks.keySet()));
		var fused = new ArrayList<FusedHit>(docs.size());
		for (int doc : docs) {
			var l = Optional.ofNullable(lexicalRanks.get(doc));
			var v = Optional.ofNullable(vectorRanks.get(doc));
			var extras = extraRanks.stream().map(ranks -> Optional.ofNullable(ranks.get(doc))).toList();
			fused.add(new FusedHit(doc, score.score(l, v, extras), l, v));
		}
		fused.sort(ORDER);
		return fused;
	}

	/** The fused score of one doc from its rankings (empty where a search missed it). */
	@FunctionalInterface
	interface Scorer {
		double score(Optional<Ranking> lexical, Optional<Ranking> vector, List<Optional<Ranking>> extraVectors);
	}

	/** A single search's ranking as is: for lexical-only or vector-only queries. */
	static List<FusedHit> single(List<Hit> hits, boolean lexical) {
		var fused = new ArrayList<FusedHit>(hits.size());
		for (int i = 0; i < hits.size(); i++) {
			var ranking = Optional.of(new Ranking(i + 1, hits.get(i).score()));
			fused.add(new FusedHit(hits.get(i).doc(), hits.get(i).score(), lexical ? ranking : Optional.empty(),
					lexical ? Optional.empty() : ranking));
		}
		return fused;
	}
}
