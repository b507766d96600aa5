package com.groundwork.insight.internal.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluation's metrics against a ranking scored by hand, the trec_eval way. */
class RetrievalMetricsTests {

	// d2 (grade 2) at rank 2, d4 (grade 1) at rank 4; d6 (grade 1) is never retrieved; d7 is judged not relevant
	static final List<String> RANKING = List.of("d1", "d2", "d3", "d4", "d5");

	static final Map<String, Integer> GRADES = Map.of("d2", 2, "d4", 1, "d6", 1, "d7", 0);

	@Test
	void ndcgUsesTheGradeAsGainAndTheQrelsForTheIdealRanking() {
		// DCG@5 = 2/log2(3) + 1/log2(5) = 1.261860 + 0.430677 = 1.692536
		// IDCG@5 = 2/log2(2) + 1/log2(3) + 1/log2(4) = 2 + 0.630930 + 0.5 = 3.130930
		assertThat(RetrievalMetrics.ndcg(RANKING, GRADES, 5)).isCloseTo(1.692536 / 3.130930, within(1e-5));
		assertThat(RetrievalMetrics.ndcg(RANKING, GRADES, 5)).isCloseTo(0.540586, within(1e-5));
		// @2: DCG = 2/log2(3) = 1.261860; IDCG = 2 + 1/log2(3) = 2.630930
		assertThat(RetrievalMetrics.ndcg(RANKING, GRADES, 2)).isCloseTo(1.261860 / 2.630930, within(1e-5));
		assertThat(RetrievalMetrics.ndcg(RANKING, GRADES, 1)).isZero();
		assertThat(RetrievalMetrics.ndcg(List.of("d2", "d4", "d6"), GRADES, 10)).isCloseTo(1.0, within(1e-12));
	}

	@Test
	void recallCountsRelevantDocumentsFoundInTheFirstK() {
		assertThat(RetrievalMetrics.recall(RANKING, GRADES, 5)).isCloseTo(2.0 / 3, within(1e-12));
		assertThat(RetrievalMetrics.recall(RANKING, GRADES, 2)).isCloseTo(1.0 / 3, within(1e-12));
	}

	@Test
	void reciprocalRankOfTheFirstRelevantDocument() {
		assertThat(RetrievalMetrics.reciprocalRank(RANKING, GRADES, 10)).isEqualTo(0.5);
		assertThat(RetrievalMetrics.reciprocalRank(RANKING, GRADES, 1)).isZero();
	}

	@Test
	void queriesWithoutARelevantDocumentAreNotJudged(@TempDir Path dir) throws Exception {
		var file = dir.resolve("qrels.tsv");
		Files.writeString(file, "query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td2\t0\n");

		var qrels = Beir.qrels(file);

		assertThat(qrels.judges("q1")).isTrue();
		assertThat(qrels.judges("q2")).isFalse();
		assertThat(qrels.judges("q3")).isFalse();
	}

	@Test
	void documentsRankAtTheirBestChunk() {
		var first = java.util.UUID.randomUUID();
		var second = java.util.UUID.randomUUID();
		var passages = List.of(passage(first), passage(second), passage(first));

		assertThat(RetrievalEvaluation.documents(passages, Map.of(first, "a", second, "b"))).containsExactly("a", "b");
	}

	private static com.groundwork.search.Passage passage(java.util.UUID documentId) {
		return new com.groundwork.search.Passage(documentId, java.util.UUID.randomUUID(), "t", "t", "x", "x", "",
				EvalKnowledge.METADATA, java.util.Optional.empty(), java.util.Optional.empty(), 1);
	}
}
