package com.groundwork.insight.internal.eval;

import com.groundwork.identity.TenantId;
import com.groundwork.search.PassageSearch;
import com.groundwork.search.SearchFilters;
import com.groundwork.search.SearchQuery;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code retrieval-german}: ingests a knowledge folder as it is (front matter and all) through the knowledge module's
 * ingestion and scores judged queries over it, lexical, vector and hybrid side by side. The judged set by default is
 * the German one ({@code eval/retrieval/german}): German questions over the German documents, with their English
 * counterparts as partly relevant. A corpus of a few dozen documents: Recall@10 is reported beside Recall@100 (which
 * the vector search reaches by listing everything).
 */
final class KnowledgeRetrievalEvaluation implements EvalCommand {

	private static final Logger log = LoggerFactory.getLogger(KnowledgeRetrievalEvaluation.class);

	@Override
	public String name() {
		return "retrieval-german";
	}

	@Override
	public String usage() {
		return "retrieval-german [--knowledge knowledge] [--queries eval/retrieval/german/queries.jsonl]"
				+ " [--qrels eval/retrieval/german/qrels.tsv] [--k 10] [--query-language de|en|…] [--cache-dir DIR|none]"
				+ " [--dump FILE]"
				+ " [--groundwork.search.PROPERTY=VALUE ...]";
	}

	@Override
	public Map<String, Object> run(EvalArguments arguments) throws Exception {
		long started = System.nanoTime();
		int k = arguments.integer("k", 10);
		var knowledge = Path.of(arguments.get("knowledge", "knowledge"));
		var qrels = Beir.qrels(Path.of(arguments.get("qrels", "eval/retrieval/german/qrels.tsv")));
		var queries = Beir.queries(Path.of(arguments.get("queries", "eval/retrieval/german/queries.jsonl")))
			.stream()
			.filter(query -> qrels.judges(query.id()))
			.toList();
		// absent: the queries' language is unknown to the search, which analyzes them in every language it knows
		var queryLanguage = arguments.get("query-language", "");
		if (!queryLanguage.isEmpty() && !SearchQuery.isLanguage(queryLanguage)) {
			throw new EvalArguments.UsageException("--query-language takes an ISO 639-1 code such as de");
		}
		var cacheDir = arguments.get("cache-dir", EmbeddingCache.DEFAULT_DIRECTORY.toString());
		var caches = new LinkedHashMap<String, EmbeddingCache>();
		var scores = new LinkedHashMap<SearchQuery.Retrieval, Scores>();
		RetrievalEvaluation.ORDER.forEach(retrieval -> scores.put(retrieval, new Scores()));
		var tenant = new TenantId(UUID.randomUUID());
		int documents;
		try (var context = EvalContext.start(arguments.springProperties(), null, (app,
				model) -> new CachedEmbeddings(model, () -> RetrievalEvaluation.openCache(caches, cacheDir, model)))) {
			var paths = IngestionPath.ingestFolder(context, tenant, knowledge);
			documents = paths.size();
			log.info("Ingested {} documents of {} in {} s", documents, knowledge,
					Math.round((System.nanoTime() - started) / 1e9));
			var search = context.bean(PassageSearch.class);
			var dump = new ArrayList<String>();
			for (var query : queries) {
				var grades = qrels.of(query.id());
				var top = new LinkedHashMap<String, Object>();
				top.put("id", query.id());
				for (var retrieval : RetrievalEvaluation.ORDER) {
					var passages = search.search(new SearchQuery(tenant, query.text(), RetrievalEvaluation.RECALL_DEPTH,
							SearchFilters.NONE, false, retrieval).withLanguage(queryLanguage));
					var ranking = RetrievalEvaluation.documents(passages, paths);
					scores.get(retrieval).add(ranking, grades, k);
					top.put(retrieval.name().toLowerCase(Locale.ROOT), ranking.subList(0, Math.min(k, ranking.size())));
				}
				dump.add(JsonMapper.shared().writeValueAsString(top));
			}
			if (arguments.options().containsKey("dump")) {
				// each query's top k documents per search, for reading what changed between two runs
				Files.write(arguments.path("dump"), dump, StandardCharsets.UTF_8);
			}
		}
		finally {
			for (var cache : caches.values()) {
				cache.close();
			}
		}
		var line = new LinkedHashMap<String, Object>();
		scores.forEach((retrieval, score) -> line.put(retrieval.name().toLowerCase(Locale.ROOT), score.summary(k)));
		line.put("query-language", queryLanguage.isEmpty() ? "unknown" : queryLanguage);
		line.put("docs", documents);
		line.put("queries", queries.size());
		line.put("seconds", Math.round((System.nanoTime() - started) / 1e8) / 10.0);
		return line;
	}

	/** Running sums of one retrieval's per-query metrics. */
	private static final class Scores {

		private double ndcg;

		private double recallAtK;

		private double recall;

		private double mrr;

		private int queries;

		void add(List<String> ranking, Map<String, Integer> grades, int k) {
			ndcg += RetrievalMetrics.ndcg(ranking, grades, k);
			recallAtK += RetrievalMetrics.recall(ranking, grades, k);
			recall += RetrievalMetrics.recall(ranking, grades, RetrievalEvaluation.RECALL_DEPTH);
			mrr += RetrievalMetrics.reciprocalRank(ranking, grades, k);
			queries++;
		}

		Map<String, Double> summary(int k) {
			var summary = new LinkedHashMap<String, Double>();
			summary.put("ndcg@" + k, round(ndcg / Math.max(1, queries)));
			summary.put("recall@" + k, round(recallAtK / Math.max(1, queries)));
			summary.put("recall@" + RetrievalEvaluation.RECALL_DEPTH, round(recall / Math.max(1, queries)));
			summary.put("mrr@" + k, round(mrr / Math.max(1, queries)));
			return summary;
		}

		private static double round(double value) {
			return Math.round(value * 10000) / 10000.0;
		}
	}
}
