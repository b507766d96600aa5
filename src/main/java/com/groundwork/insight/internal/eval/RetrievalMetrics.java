package com.groundwork.insight.internal.eval;

import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * Per-query retrieval metrics as trec_eval (and so pytrec_eval and BEIR) define them. A document is relevant when its
 * grade is above 0; nDCG's gain is the grade itself (trec_eval's ndcg_cut, not 2^grade - 1), discounted by
 * log2(rank + 1), and the ideal DCG sorts all judged grades of the query.
 */
final class RetrievalMetrics {

	private RetrievalMetrics() {
	}

	/** nDCG@k of a ranking (document ids, best first, no duplicates). */
	static double ndcg(List<String> ranking, Map<String, Integer> grades, int k) {
		double dcg = 0;
		for (int i = 0; i < Math.min(k, ranking.size()); i++) {
			int grade = grades.getOrDefault(ranking.get(i), 0);
			if (grade > 0) {
				dcg += grade / log2(i + 2);
			}
		}
		var ideal = grades.values().stream().filter(g -> g > 0).sorted((a, b) -> b - a).limit(k).toList();
		double idcg = 0;
		for (int i = 0; i < ideal.size(); i++) {
			idcg += ideal.get(i) / log2(i + 2);
		}
		return idcg == 0 ? 0 : dcg / idcg;
	}

	/** Recall@k: the share of the relevant documents found in the first k. */
	static double recall(List<String> ranking, Map<String, Integer> grades, int k) {
		var relevant = new HashSet<String>();
		grades.forEach((id, grade) -> {
			if (grade > 0) {
				relevant.add(id);
			}
		});
		if (relevant.isEmpty()) {
			return 0;
		}
		long found = ranking.stream().limit(k).filter(relevant::contains).count();
		return (double) found / relevant.size();
	}

	/** Reciprocal rank of the first relevant document within the first k, else 0 (MRR@k once averaged). */
	static double reciprocalRank(List<String> ranking, Map<String, Integer> grades, int k) {
		for (int i = 0; i < Math.min(k, ranking.size()); i++) {
			if (grades.getOrDefault(ranking.get(i), 0) > 0) {
				return 1.0 / (i + 1);
			}
		}
		return 0;
	}

	private static double log2(double x) {
		return Math.log(x) / Math.log(2);
	}
}
