package com.groundwork.insight.internal.eval;

import com.groundwork.identity.TenantId;
import com.groundwork.knowledge.Embeddings;
import com.groundwork.search.Passage;
import com.groundwork.search.PassageSearch;
import com.groundwork.search.SearchFilters;
import com.groundwork.search.SearchQuery;
import com.groundwork.search.SearchQuery.Retrieval;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code retrieval}: indexes a BEIR corpus through the production search code (analyzer, embeddings, Lucene index,
 * fusion) and scores lexical, vector and hybrid rankings of the judged queries with nDCG@k, Recall@100 and MRR@k.
 * Chunk rankings become document rankings by each document's best chunk.
 */
final class RetrievalEvaluation implements EvalCommand {

	private static final Logger log = LoggerFactory.getLogger(RetrievalEvaluation.class);

	static final int RECALL_DEPTH = 100;

	/** The order of the result line: lexical, vector, hybrid. */
	static final List<Retrieval> ORDER = List.of(Retrieval.LEXICAL, Retrieval.VECTOR, Retrieval.HYBRID);

	/** {@code --only lexical,vector} skips the other searches (quicker tuning runs); default all three. */
	static List<Retrieval> retrievals(String only) {
		if (only.equals("all")) {
			return ORDER;
		}
		try {
			return java.util.Arrays.stream(only.split(","))
				.map(name -> Retrieval.valueOf(name.strip().toUpperCase(Locale.ROOT)))
				.toList();
		}
		catch (IllegalArgumentException ex) {
			throw new EvalArguments.UsageException("--only takes lexical, vector and/or hybrid, comma separated");
		}
	}

	@Override
	public String name() {
		return "retrieval";
	}

	@Override
	public String usage() {
		return "retrieval --corpus FILE --queries FILE --qrels FILE [--k 10] [--half a|b] [--threads 1] [--via ingestion|chunks] [--cache-dir DIR|none]"
				+ " [--folds K [--grid eval/retrieval/grid.yaml]]"
				+ " [--report eval/reports/retrieval.md] [--cache-dir DIR|none] [--dump FILE] [--only lexical,vector,hybrid]"
				+ " [--groundwork.search.PROPERTY=VALUE ...]";
	}

	@Override
	public Map<String, Object> run(EvalArguments arguments) throws Exception {
		long started = System.nanoTime();
		int k = arguments.integer("k", 10);
		// A document with neither title nor text cannot be embedded or found; it still counts in "docs".
		var fullCorpus = Beir.corpus(arguments.path("corpus"));
		var corpus = fullCorpus.stream()
			.filter(document -> !(document.title().isBlank() && document.text().isBlank()))
			.toList();
		var allQueries = Beir.queries(arguments.path("queries"));
		var qrels = Beir.qrels(arguments.path("qrels"));
		var half = arguments.get("half", "all");
		var queries = allQueries.stream()
			.filter(query -> qrels.judges(query.id()))
			.filter(query -> inHalf(query.id(), half))
			.toList();
		log.info("{} documents ({} empty), {} queries ({} judged{})", fullCorpus.size(),
				fullCorpus.size() - corpus.size(), allQueries.size(), queries.size(),
				half.equals("all") ? "" : ", half " + half);
		var via = arguments.get("via", "ingestion");
		if (!via.equals("chunks") && !via.equals("ingestion")) {
			throw new EvalArguments.UsageException("--via must be chunks or ingestion");
		}
		var beirIds = new HashMap<UUID, String>();
		corpus.forEach(document -> beirIds.put(EvalKnowledge.documentId(document.id()), document.id()));

		var tenant = new TenantId(UUID.randomUUID());
		var cacheDir = arguments.get("cache-dir", EmbeddingCache.DEFAULT_DIRECTORY.toString());
		int folds = arguments.integer("folds", 0);
		if (folds != 0) {
			if (!via.equals("ingestion")) {
				throw new EvalArguments.UsageException("--folds runs on the ingestion path: leave out --via chunks");
			}
			return crossValidated(arguments, corpus, fullCorpus.size(), queries, qrels, tenant, cacheDir, folds, k,
					half, started);
		}
		// One caller: the model already spreads each text over both cores, and a second caller only contends with it.
		int threads = arguments.integer("threads", 1);
		var caches = new LinkedHashMap<String, EmbeddingCache>();
		Map<Retrieval, Scores> results = new EnumMap<>(Retrieval.class);
		var settings = new LinkedHashMap<String, String>();
		long indexedAt;
		// --via chunks: the stand-in chunks table streams the corpus into the start-up rebuild;
		// --via ingestion: the knowledge module's own beans, and every document ingested after start-up.
		var standIn = via.equals("chunks") ? corpus : List.<Beir.Document>of();
		try (var context = via.equals("ingestion")
				? EvalContext.start(arguments.springProperties(), null,
						(app, model) -> new CachedEmbeddings(model, () -> openCache(caches, cacheDir, model)))
				: EvalContext.start(arguments.springProperties(),
						app -> new EvalKnowledge(tenant, standIn, () -> app.getBean(Embeddings.class),
								() -> openCache(caches, cacheDir, app.getBean(Embeddings.class)), threads))) {
			if (via.equals("ingestion")) {
				beirIds.clear();
				beirIds.putAll(IngestionPath.ingest(context, tenant, corpus, threads));
			}
			indexedAt = System.nanoTime();
			log.info("Indexed {} documents in {} s", corpus.size(), Math.round((indexedAt - started) / 1e9));
			settings.putAll(searchSettings(context));
			var search = context.bean(PassageSearch.class);
			var dump = arguments.options().containsKey("dump") ? new ArrayList<String>() : null;
			var retrievals = retrievals(arguments.get("only", "all"));
			for (var retrieval : retrievals) {
				results.put(retrieval, new Scores());
			}
			int done = 0;
			for (var query : queries) {
				var grades = qrels.of(query.id());
				var rankings = new EnumMap<Retrieval, List<Passage>>(Retrieval.class);
				for (var retrieval : retrievals) {
					var passages = search.search(new SearchQuery(tenant, query.text(), RECALL_DEPTH, SearchFilters.NONE,
							false, retrieval));
					rankings.put(retrieval, passages);
					results.get(retrieval).add(query.id(), documents(passages, beirIds), grades, k);
				}
				if (dump != null) {
					dump.add(dumpLine(query, rankings, beirIds));
				}
				if (++done % 100 == 0) {
					log.info("Searched {}/{} queries", done, queries.size());
				}
			}
			if (dump != null) {
				Files.write(arguments.path("dump"), dump, StandardCharsets.UTF_8);
			}
		}
		finally {
			for (var cache : caches.values()) {
				cache.close();
			}
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		var line = new LinkedHashMap<String, Object>();
		for (var retrieval : ORDER) {
			if (results.containsKey(retrieval)) {
				line.put(retrieval.name().toLowerCase(Locale.ROOT), results.get(retrieval).summary(k));
			}
		}
		line.put("docs", fullCorpus.size());
		line.put("queries", queries.size());
		line.put("seconds", Math.round(seconds * 10) / 10.0);
		var report = Path.of(arguments.get("report", "eval/reports/retrieval.md"));
		RetrievalReport.write(report, arguments, line, settings, half, (indexedAt - started) / 1e9, k, via);
		log.info("Report written to {}", report);
		return line;
	}

	/**
	 * {@code --folds K}: the corpus is ingested once (with every embedding model any configuration needs) into a data
	 * directory that each configuration of the grid then starts on in turn; the result line is the defaults' (all three
	 * searches) plus the cross-validated hybrid figure.
	 */
	private Map<String, Object> crossValidated(EvalArguments arguments, List<Beir.Document> corpus, int docs,
			List<Beir.Query> queries, Beir.Qrels qrels, TenantId tenant, String cacheDir, int folds, int k, String half,
			long started) throws Exception {
		var grid = RetrievalCrossValidation.grid(Path.of(arguments.get("grid", "eval/retrieval/grid.yaml")));
		if (!grid.getFirst().properties().isEmpty()) {
			throw new EvalArguments.UsageException("the grid's first configuration must be the defaults (no properties)");
		}
		int threads = arguments.integer("threads", 1);
		var caches = new LinkedHashMap<String, EmbeddingCache>();
		var dataDir = Files.createTempDirectory("groundwork-eval-folds-");
		var scores = new LinkedHashMap<String, Map<String, Double>>();
		var fullTrain = new LinkedHashMap<String, Double>();
		Map<Retrieval, Scores> defaults = null;
		var settings = new LinkedHashMap<String, String>();
		double indexingSeconds;
		try {
			var ingest = new ArrayList<>(arguments.springProperties());
			ingest.add(RetrievalCrossValidation.EMBEDDERS + "=" + RetrievalCrossValidation.embedderUnion(grid,
					arguments.springProperties(), "bge-small-en-v1.5-q"));
			Map<UUID, String> beirIds;
			try (var context = EvalContext.start(dataDir, ingest, null,
					(app, model) -> new CachedEmbeddings(model, () -> openCache(caches, cacheDir, model)))) {
				beirIds = IngestionPath.ingest(context, tenant, corpus, threads);
			}
			indexingSeconds = (System.nanoTime() - started) / 1e9;
			log.info("Ingested {} documents for {} configurations in {} s", corpus.size(), grid.size(),
					Math.round(indexingSeconds));
			for (var config : grid) {
				var properties = new ArrayList<>(arguments.springProperties());
				properties.addAll(config.springProperties());
				boolean isDefaults = config == grid.getFirst();
				try (var context = EvalContext.start(dataDir, properties, null,
						(app, model) -> new CachedEmbeddings(model, () -> openCache(caches, cacheDir, model)))) {
					var results = evaluate(context, tenant, queries, qrels, beirIds,
							isDefaults ? ORDER : List.of(Retrieval.HYBRID), k);
					var hybrid = results.get(Retrieval.HYBRID);
					scores.put(config.name(), hybrid.ndcgByQuery());
					fullTrain.put(config.name(), hybrid.summary(k).get("ndcg@" + k));
					log.info("{}: hybrid nDCG@{} {}", config.name(), k, fullTrain.get(config.name()));
					if (isDefaults) {
						defaults = results;
						settings.putAll(searchSettings(context));
					}
				}
			}
		}
		finally {
			for (var cache : caches.values()) {
				cache.close();
			}
			EvalContext.delete(dataDir);
		}
		var cv = RetrievalCrossValidation.crossValidate(scores, folds);
		var line = new LinkedHashMap<String, Object>();
		for (var retrieval : ORDER) {
			line.put(retrieval.name().toLowerCase(Locale.ROOT), defaults.get(retrieval).summary(k));
		}
		line.put("docs", docs);
		line.put("queries", queries.size());
		var cvLine = new LinkedHashMap<String, Object>();
		cvLine.put("folds", folds);
		cvLine.put("ndcg@" + k, round(cv.mean()));
		cvLine.put("sd", round(cv.sd()));
		var best = fullTrain.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
		cvLine.put("best_full_train", best.getKey());
		cvLine.put("best_full_train_ndcg@" + k, best.getValue());
		line.put("cv", cvLine);
		line.put("seconds", Math.round((System.nanoTime() - started) / 1e9 * 10) / 10.0);
		var report = Path.of(arguments.get("report", "eval/reports/retrieval.md"));
		RetrievalReport.write(report, arguments, line, settings, half, indexingSeconds, k, "ingestion");
		RetrievalReport.appendCrossValidation(report, grid, fullTrain, cv, k);
		log.info("Report written to {}", report);
		return line;
	}

	private static double round(double value) {
		return Math.round(value * 10000) / 10000.0;
	}

	private static Map<String, String> searchSettings(EvalContext context) {
		var settings = new LinkedHashMap<String, String>();
		for (var name : List.of("vector-store", "embedders", "lexical.analyzer", "lexical.k1", "lexical.b",
				"lexical.title-boost", "fusion", "rrf-k", "normalization", "lexical-weight", "vector-weight",
				"extra-vector-weight", "feedback.mode", "feedback.docs", "feedback.vector-weight", "feedback.terms",
				"feedback.term-weight", "candidates", "hnsw.ef-search")) {
			settings.put(name, context.property("groundwork.search." + name));
		}
		return settings;
	}

	/** Every judged query through each retrieval of {@code retrievals}. */
	private static Map<Retrieval, Scores> evaluate(EvalContext context, TenantId tenant, List<Beir.Query> queries,
			Beir.Qrels qrels, Map<UUID, String> beirIds, List<Retrieval> retrievals, int k) {
		var search = context.bean(PassageSearch.class);
		Map<Retrieval, Scores> results = new EnumMap<>(Retrieval.class);
		retrievals.forEach(retrieval -> results.put(retrieval, new Scores()));
		int done = 0;
		for (var query : queries) {
			for (var retrieval : retrievals) {
				var passages = search.search(new SearchQuery(tenant, query.text(), RECALL_DEPTH, SearchFilters.NONE,
						false, retrieval));
				results.get(retrieval).add(query.id(), documents(passages, beirIds), qrels.of(query.id()), k);
			}
			if (++done % 200 == 0) {
				log.info("Searched {}/{} queries", done, queries.size());
			}
		}
		return results;
	}

	static boolean inHalf(String queryId, String half) {
		return switch (half) {
			case "all" -> true;
			case "a" -> Math.floorMod(queryId.hashCode(), 2) == 0;
			case "b" -> Math.floorMod(queryId.hashCode(), 2) == 1;
			default -> throw new EvalArguments.UsageException("--half must be a, b or all");
		};
	}

	/** The cache of one model (by name), opened on first use. */
	static EmbeddingCache openCache(Map<String, EmbeddingCache> caches, String directory, Embeddings model) {
		synchronized (caches) {
			return caches.computeIfAbsent(model.name(), name -> {
				try {
					var cache = EmbeddingCache.open(
							directory.equals("none") ? Files.createTempDirectory("groundwork-embeddings-") : Path.of(directory),
							model);
					log.info("Embedding cache {} holds {} vectors of {}", cache.file(), cache.size(), name);
					return cache;
				}
				catch (IOException ex) {
					throw new java.io.UncheckedIOException(ex);
				}
			});
		}
	}

	/** BEIR document ids best first, each document once at its best chunk's rank. */
	static List<String> documents(List<Passage> passages, Map<UUID, String> beirIds) {
		var ids = new LinkedHashSet<String>();
		for (var passage : passages) {
			var id = beirIds.get(passage.documentId());
			if (id != null) {
				ids.add(id);
			}
		}
		return List.copyOf(ids);
	}

	private static String dumpLine(Beir.Query query, Map<Retrieval, List<Passage>> rankings,
			Map<UUID, String> beirIds) {
		var line = new LinkedHashMap<String, Object>();
		line.put("id", query.id());
		for (var retrieval : List.of(Retrieval.LEXICAL, Retrieval.VECTOR)) {
			var hits = new ArrayList<List<Object>>();
			for (var passage : rankings.getOrDefault(retrieval, List.of())) {
				hits.add(List.of(beirIds.getOrDefault(passage.documentId(), "?"), passage.fusedScore()));
			}
			line.put(retrieval.name().toLowerCase(Locale.ROOT), hits);
		}
		return JsonMapper.shared().writeValueAsString(line);
	}

	/** Running sums of one retrieval's per-query metrics. */
	static final class Scores {

		private double ndcg;

		private double recall;

		private double mrr;

		private int queries;

		/** Each query's nDCG@k, by query id (for cross-validation). */
		private final Map<String, Double> ndcgByQuery = new LinkedHashMap<>();

		void add(String queryId, List<String> ranking, Map<String, Integer> grades, int k) {
			double queryNdcg = RetrievalMetrics.ndcg(ranking, grades, k);
			ndcgByQuery.put(queryId, queryNdcg);
			ndcg += queryNdcg;
			recall += RetrievalMetrics.recall(ranking, grades, RECALL_DEPTH);
			mrr += RetrievalMetrics.reciprocalRank(ranking, grades, k);
			queries++;
		}

		Map<String, Double> ndcgByQuery() {
			return ndcgByQuery;
		}

		Map<String, Double> summary(int k) {
			var summary = new LinkedHashMap<String, Double>();
			summary.put("ndcg@" + k, round(ndcg / Math.max(1, queries)));
			summary.put("recall@" + RECALL_DEPTH, round(recall / Math.max(1, queries)));
			summary.put("mrr@" + k, round(mrr / Math.max(1, queries)));
			return summary;
		}

		private static double round(double value) {
			return Math.round(value * 10000) / 10000.0;
		}
	}
}
