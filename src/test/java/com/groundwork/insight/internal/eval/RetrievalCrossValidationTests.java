package com.groundwork.insight.internal.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Choosing a search configuration per fold without looking at that fold's queries. */
class RetrievalCrossValidationTests {

	@TempDir
	Path dir;

	@Test
	void eachFoldIsScoredByTheConfigurationBestOnTheOtherFolds() {
		var queries = IntStream.range(0, 60).mapToObj(i -> "q" + i).toList();
		int folds = 3;
		// "steady" scores 0.5 everywhere; "lucky" scores 1.0 on fold 0 and 0.2 elsewhere: best on fold 0 alone.
		var scores = new LinkedHashMap<String, Map<String, Double>>();
		scores.put("steady", byQuery(queries, query -> 0.5));
		scores.put("lucky",
				byQuery(queries, query -> RetrievalCrossValidation.fold(query, folds) == 0 ? 1.0 : 0.2));

		var result = RetrievalCrossValidation.crossValidate(scores, folds);

		// Fold 0 is held out when choosing for it: the others prefer "steady", which scores 0.5 there. Folds 1 and 2
		// see fold 0's luck among the others, choose "lucky", and it scores 0.2 on them: the held-out figure shows it.
		assertThat(result.chosen()).containsExactly("steady", "lucky", "lucky");
		assertThat(result.perFold().get(0)).isCloseTo(0.5, within(1e-12));
		assertThat(result.perFold().subList(1, 3)).allSatisfy(value -> assertThat(value).isCloseTo(0.2, within(1e-12)));
		assertThat(result.mean()).isCloseTo(0.3, within(1e-12));
		assertThat(result.sd()).isCloseTo(Math.sqrt((0.04 + 0.01 + 0.01) / 2), within(1e-9));
		assertThat(result.queriesPerFold().stream().mapToInt(Integer::intValue).sum()).isEqualTo(60);
	}

	@Test
	void theFoldOfAQueryDependsOnItsIdAlone() {
		assertThat(RetrievalCrossValidation.fold("1234", 5)).isEqualTo(RetrievalCrossValidation.fold("1234", 5))
			.isBetween(0, 4);
		assertThatThrownBy(() -> RetrievalCrossValidation.crossValidate(Map.of("a", Map.of("q", 1.0)), 1))
			.hasMessageContaining("--folds");
	}

	@Test
	void readsTheGridAndTheModelsToIngestWith() throws Exception {
		var file = dir.resolve("grid.yaml");
		Files.writeString(file, """
				- name: defaults
				- name: e5
				  properties:
				    groundwork.search.embedders: bge-small-en-v1.5-q,e5-small-v2-q
				    groundwork.search.feedback.mode: rocchio
				""");
		var grid = RetrievalCrossValidation.grid(file);

		assertThat(grid).extracting(RetrievalCrossValidation.Config::name).containsExactly("defaults", "e5");
		assertThat(grid.get(1).springProperties()).containsExactly(
				"groundwork.search.embedders=bge-small-en-v1.5-q,e5-small-v2-q", "groundwork.search.feedback.mode=rocchio");
		assertThat(RetrievalCrossValidation.embedderUnion(grid, List.of(), "bge-small-en-v1.5-q"))
			.isEqualTo("bge-small-en-v1.5-q,e5-small-v2-q");

		Files.writeString(file, "- name: x\n  properties:\n    spring.datasource.url: jdbc:h2:mem:x\n");
		assertThatThrownBy(() -> RetrievalCrossValidation.grid(file)).hasMessageContaining("only groundwork.search.*");
	}

	@Test
	void theProjectsGridStartsWithTheDefaults() throws Exception {
		var grid = RetrievalCrossValidation.grid(Path.of("eval/retrieval/grid.yaml"));
		assertThat(grid.getFirst().properties()).isEmpty();
		assertThat(grid).hasSizeGreaterThan(3);
	}

	private static Map<String, Double> byQuery(List<String> queries, java.util.function.ToDoubleFunction<String> score) {
		var map = new LinkedHashMap<String, Double>();
		queries.forEach(query -> map.put(query, score.applyAsDouble(query)));
		return map;
	}
}
