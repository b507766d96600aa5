package com.groundwork.insight.internal.eval;

import com.groundwork.identity.TenantId;
import com.groundwork.knowledge.Embedders;
import com.groundwork.knowledge.Embeddings;
import com.groundwork.knowledge.KnowledgeChunk;
import com.groundwork.knowledge.KnowledgeChunks;
import com.groundwork.knowledge.KnowledgeIngestion;
import com.groundwork.knowledge.PassageMetadata;
import com.groundwork.search.PassageSearch;
import com.groundwork.search.SearchFilters;
import com.groundwork.search.SearchQuery;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code bench-search}: search latency at a given index size, and ingestion overhead over raw embedding.
 * <ol>
 * <li>Ingestion: a few hundred SciFact documents are ingested end to end through the knowledge module in blocks of
 * five (parse, chunk, embed, store, publish {@code DocumentIndexed}; the clock stops when the search projection has
 * them all), and after each block the model alone embeds the passages the block produced
 * ({@code Embeddings.embedPassages}), so that machine load hits both alike. The ratio of the two throughputs is
 * {@code ingest_ratio}.</li>
 * <li>Latency: an index of {@code --chunks} chunks is built through the search module's start-up rebuild from real
 * SciFact embeddings (those just computed plus any in the evaluation's embedding cache), each replicated with a small
 * random perturbation, spread over four tenants with type, product (1% each), industry and region metadata. SciFact
 * queries then run through {@code PassageSearch} (k = 10, explained, highlighted) unfiltered and with filters
 * admitting 14%, 1% and 7% of the tenant's chunks, and for a tenant holding 10% of all chunks. Query embeddings are computed in a warm-up
 * pass, so the timings exclude them.</li>
 * </ol>
 */
final class SearchBenchmark implements EvalCommand {

	private static final Logger log = LoggerFactory.getLogger(SearchBenchmark.class);

	private static final List<String> TYPES = List.of("article", "faq", "guide", "pricing", "case-study");

	private static final List<String> REGIONS = List.of("emea", "na", "apac", "latam");

	private static final List<String> INDUSTRIES = List.of("logistics", "retail", "health", "finance", "energy",
			"media", "travel", "telecom", "education", "public");

	private static final float NOISE = 0.02f;

	@Override
	public String name() {
		return "bench-search";
	}

	@Override
	public String usage() {
		return "bench-search [--chunks 100000] [--corpus ../shared/data/scifact/corpus.jsonl]"
				+ " [--queries ../shared/data/scifact/queries-train.jsonl] [--query-texts 200] [--ingest-docs 200]"
				+ " [--ingest-block 25]"
				+ " [--report eval/reports/bench-search.md] [--cache-dir DIR]"
				+ " [--compare-embedders bge-small-en-v1.5-q,e5-small-v2-q|none]";
	}

	@Override
	public Map<String, Object> run(EvalArguments arguments) throws Exception {
		long started = System.nanoTime();
		int chunks = arguments.integer("chunks", 100_000);
		int ingestDocs = arguments.integer("ingest-docs", 200);
		int queryTexts = arguments.integer("query-texts", 200);
		var corpus = Beir.corpus(Path.of(arguments.get("corpus", "../shared/data/scifact/corpus.jsonl")));
		var queries = Beir.queries(Path.of(arguments.get("queries", "../shared/data/scifact/queries-train.jsonl")))
			.stream()
			.limit(queryTexts)
			.toList();
		var cacheDir = Path.of(arguments.get("cache-dir", EmbeddingCache.DEFAULT_DIRECTORY.toString()));

		var ingestion = new LinkedHashMap<String, Object>();
		var bases = new ArrayList<Base>();
		measureIngestion(arguments, corpus.subList(0, Math.min(ingestDocs, corpus.size())), cacheDir, ingestion, bases);

		if (chunks == 0) {
			// --chunks 0: the ingestion figures alone (several runs of the ratio without rebuilding an index each time)
			var line = new LinkedHashMap<String, Object>();
			line.put("chunks", 0);
			line.put("ingest_ratio", ingestion.get("ingest_ratio"));
			line.put("ingestion", ingestion);
			return line;
		}
		var tenants = List.of(new TenantId(UUID.randomUUID()), new TenantId(UUID.randomUUID()),
				new TenantId(UUID.randomUUID()), new TenantId(UUID.randomUUID()));
		var latency = new LinkedHashMap<String, Object>();
		long indexStarted = System.nanoTime();
		// every timed query searches: the warm-up asks them all once, which would otherwise answer them from recent results
		var properties = new ArrayList<>(arguments.springProperties());
		properties.addFirst("groundwork.search.result-cache-size=0");
		try (var context = EvalContext.start(properties,
				app -> new SyntheticChunks(bases, tenants, chunks, app.getBean(Embedders.class)))) {
			double indexSeconds = (System.nanoTime() - indexStarted) / 1e9;
			log.info("Start-up with an index of {} chunks took {} s", chunks, Math.round(indexSeconds));
			latency.put("index_build_seconds", round(indexSeconds, 1));
			latency.put("embedders", context.property("groundwork.search.embedders"));
			measureLatency(context.bean(PassageSearch.class), queries, tenants, latency);
		}
		// The same searches with the other embedder configuration: what a further model costs per query.
		var compare = arguments.get("compare-embedders", "bge-small-en-v1.5-q,e5-small-v2-q");
		var compared = new LinkedHashMap<String, Object>();
		if (!compare.equals("none") && !compare.equals(latency.get("embedders"))) {
			var other = new ArrayList<>(properties);
			other.add("groundwork.search.embedders=" + compare);
			try (var context = EvalContext.start(other,
					app -> new SyntheticChunks(bases, tenants, chunks, app.getBean(Embedders.class)))) {
				compared.put("embedders", compare);
				measureLatency(context.bean(PassageSearch.class), queries, tenants, compared);
			}
		}

		var line = new LinkedHashMap<String, Object>();
		line.put("chunks", chunks);
		line.put("p50_ms", latency.get("p50_ms"));
		line.put("p99_ms", latency.get("p99_ms"));
		line.put("ingest_ratio", ingestion.get("ingest_ratio"));
		if (!compared.isEmpty()) {
			line.put("compared", Map.of("embedders", compared.get("embedders"), "p50_ms", compared.get("p50_ms"),
					"p99_ms", compared.get("p99_ms")));
		}
		var details = new LinkedHashMap<String, Object>(line);
		details.put("seconds", round((System.nanoTime() - started) / 1e9, 1));
		details.put("base_vectors", bases.size());
		details.put("ingestion", ingestion);
		details.put("latency", latency);
		details.put("compared_latency", compared);
		var report = Path.of(arguments.get("report", "eval/reports/bench-search.md"));
		Files.createDirectories(report.toAbsolutePath().getParent());
		Files.writeString(report.resolveSibling(report.getFileName().toString().replaceAll("\\.md$", "") + ".json"),
				JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(details)
						+ "\n",
				StandardCharsets.UTF_8);
		Files.writeString(report, markdown(details), StandardCharsets.UTF_8);
		log.info("Report written to {}", report);
		return line;
	}

	private void measureIngestion(EvalArguments arguments, List<Beir.Document> documents, Path cacheDir,
			Map<String, Object> result, List<Base> bases) throws Exception {
		var tenant = new TenantId(UUID.randomUUID());
		try (var context = EvalContext.start(arguments.springProperties(), null)) {
			var embeddings = context.bean(Embeddings.class);
			// raw: every model ingestion embeds with (groundwork.search.embedders)
			var models = context.bean(Embedders.class).all();
			var ingestion = context.bean(KnowledgeIngestion.class);
			var chunks = context.bean(KnowledgeChunks.class);
			var publications = new JdbcTemplate(context.bean(javax.sql.DataSource.class));
			IngestionPath.createTenant(context, tenant);
			// warm-up of both paths (parser, tokenizer, model, database, projection) on another tenant's copies
			var warmUpTenant = new TenantId(UUID.randomUUID());
			IngestionPath.createTenant(context, warmUpTenant);
			for (var document : documents.subList(0, Math.min(4, documents.size()))) {
				var id = ingestion.ingest(warmUpTenant, IngestionPath.source(document)).documentId();
				embeddings.embedPassages(passages(chunks.chunksOf(warmUpTenant, id)));
			}
			IngestionPath.awaitProjection(publications, Duration.ofMinutes(2));
			long rawNanos = 0;
			long ingestNanos = 0;
			int passageCount = 0;
			// Documents arrive in batches, as folder sync hands over a folder's changed files: the model is overlapped
			// with parsing and storing inside a batch, not across two.
			int block = arguments.integer("ingest-block", 25);
			if (block < 1) {
				throw new EvalArguments.UsageException("--ingest-block must be at least 1");
			}
			for (int from = 0; from < documents.size(); from += block) {
				var slice = documents.subList(from, Math.min(documents.size(), from + block));
				long t0 = System.nanoTime();
				// parse, chunk, embed, store, publish: the block as a batch, as folder sync ingests its files
				var ids = ingestion.ingestAll(tenant, slice.stream().map(IngestionPath::source).toList())
					.stream()
					.map(KnowledgeIngestion.IngestionOutcome::documentId)
					.toList();
				ingestNanos += System.nanoTime() - t0;
				// raw: the model alone on exactly the passages ingestion embedded, in one call
				var ingested = new ArrayList<KnowledgeChunk>();
				ids.forEach(id -> ingested.addAll(chunks.chunksOf(tenant, id)));
				var texts = passages(ingested);
				long t1 = System.nanoTime();
				for (var model : models) {
					model.embedPassages(texts);
				}
				rawNanos += System.nanoTime() - t1;
				passageCount += texts.size();
				for (int i = 0; i < slice.size(); i++) {
					bases.add(new Base(slice.get(i), chunks.chunksOf(tenant, ids.get(i)).getFirst().embedding()));
				}
				if ((from + slice.size()) % 50 == 0) {
					log.info("Ingestion benchmark: {}/{} documents", from + slice.size(), documents.size());
				}
			}
			// end to end means searchable: the time the projection still needs after the last publish counts too
			long t2 = System.nanoTime();
			IngestionPath.awaitProjection(publications, Duration.ofMinutes(2));
			ingestNanos += System.nanoTime() - t2;
			double raw = documents.size() / (rawNanos / 1e9);
			double endToEnd = documents.size() / (ingestNanos / 1e9);
			result.put("documents", documents.size());
			result.put("block", block);
			result.put("passages", passageCount);
			result.put("raw_embedding_docs_per_s", round(raw, 2));
			result.put("end_to_end_docs_per_s", round(endToEnd, 2));
			result.put("ingest_ratio", round(endToEnd / raw, 3));
			log.info("Raw embedding {} docs/s, end-to-end ingestion {} docs/s ({} passages)", round(raw, 2),
					round(endToEnd, 2), passageCount);

			try (var cache = EmbeddingCache.open(cacheDir, embeddings)) {
				var seen = Set.copyOf(bases.stream().map(base -> base.document().id()).toList());
				var corpus = Beir.corpus(Path.of(arguments.get("corpus", "../shared/data/scifact/corpus.jsonl")));
				for (var document : corpus) {
					var vector = cache.get(EvalKnowledge.embeddedText(document));
					if (vector != null && !seen.contains(document.id())) {
						bases.add(new Base(document, vector));
					}
				}
				log.info("{} real embeddings to replicate ({} from the embedding cache)", bases.size(),
						bases.size() - documents.size());
			}
		}
	}

	/** What ingestion embeds of a chunk: its heading path, a blank line, its text (the knowledge module's rule). */
	private static List<String> passages(List<KnowledgeChunk> chunks) {
		return chunks.stream()
			.map(chunk -> chunk.headingPath().isEmpty() ? chunk.text() : chunk.headingPath() + "\n\n" + chunk.text())
			.toList();
	}

	private void measureLatency(PassageSearch search, List<Beir.Query> queries, List<TenantId> tenants,
			Map<String, Object> result) {
		var main = tenants.getFirst();
		var kinds = new LinkedHashMap<String, java.util.function.Function<String, SearchQuery>>();
		kinds.put("unfiltered", text -> new SearchQuery(main, text, 10, SearchFilters.NONE, true));
		// Shares of the main tenant's chunks (see SyntheticChunks): guide 1/7, one product 1%, two regions 1/2.
		kinds.put("type (14%)",
				text -> new SearchQuery(main, text, 10, filters(Set.of("guide"), Set.of(), Set.of()), true));
		kinds.put("product (1%)", text -> new SearchQuery(main, text, 10,
				filters(Set.of(), Set.of("p" + Math.floorMod(text.hashCode(), 100)), Set.of()), true));
		kinds.put("type + 2 regions (7%)", text -> new SearchQuery(main, text, 10,
				filters(Set.of("pricing"), Set.of(), Set.of("emea", "na")), true));
		kinds.put("tenant with 10% of chunks",
				text -> new SearchQuery(tenants.get(1), text, 10, SearchFilters.NONE, true));

		log.info("Warm-up: {} queries (embeds each query text once)", queries.size() * kinds.size());
		for (var query : queries) {
			kinds.values().forEach(kind -> search.search(kind.apply(query.text())));
		}
		var all = new ArrayList<Double>();
		var byKind = new LinkedHashMap<String, List<Double>>();
		kinds.keySet().forEach(kind -> byKind.put(kind, new ArrayList<>()));
		for (int pass = 0; pass < 2; pass++) {
			for (var query : queries) {
				for (var kind : kinds.entrySet()) {
					var searchQuery = kind.getValue().apply(query.text());
					long t0 = System.nanoTime();
					var passages = search.search(searchQuery);
					double ms = (System.nanoTime() - t0) / 1e6;
					if (passages.isEmpty()) {
						throw new IllegalStateException("no result for " + searchQuery);
					}
					all.add(ms);
					byKind.get(kind.getKey()).add(ms);
				}
			}
		}
		result.put("queries", all.size());
		result.put("p50_ms", round(percentile(all, 50), 2));
		result.put("p99_ms", round(percentile(all, 99), 2));
		var kindsResult = new LinkedHashMap<String, Object>();
		byKind.forEach((kind, times) -> kindsResult.put(kind,
				Map.of("p50_ms", round(percentile(times, 50), 2), "p99_ms", round(percentile(times, 99), 2))));
		result.put("by_kind", kindsResult);
		log.info("{} timed queries: p50 {} ms, p99 {} ms", all.size(), result.get("p50_ms"), result.get("p99_ms"));
	}

	private static SearchFilters filters(Set<String> types, Set<String> products, Set<String> regions) {
		return new SearchFilters(types, products, Set.of(), regions, Set.of());
	}

	static double percentile(List<Double> values, double percentile) {
		var sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		if (sorted.length == 0) {
			return 0;
		}
		int index = (int) Math.ceil(percentile / 100 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

	private static double round(double value, int digits) {
		double scale = Math.pow(10, digits);
		return Math.round(value * scale) / scale;
	}

	@SuppressWarnings("unchecked")
	private static String markdown(Map<String, Object> details) {
		var ingestion = (Map<String, Object>) details.get("ingestion");
		var latency = (Map<String, Object>) details.get("latency");
		var md = new StringBuilder("# Search benchmark\n\n");
		md.append("Generated by `eval/run bench-search` on ").append(java.time.LocalDate.now()).append(" (")
			.append(Runtime.getRuntime().availableProcessors()).append(" cores). Details in `bench-search.json`.\n\n");
		md.append("| chunks | p50 ms | p99 ms | ingest ratio |\n|---:|---:|---:|---:|\n");
		md.append("| ").append(details.get("chunks")).append(" | ").append(details.get("p50_ms")).append(" | ")
			.append(details.get("p99_ms")).append(" | ").append(details.get("ingest_ratio")).append(" |\n\n");
		md.append("## Latency\n\n").append(latency.get("queries"))
			.append(" hybrid searches (k = 10, both searches with ")
			.append("candidates, fusion, stored fields and highlighted snippets; query embeddings excluded) on an ")
			.append("index built in ").append(latency.get("index_build_seconds")).append(" s from ")
			.append(details.get("base_vectors")).append(" real SciFact embeddings, each replicated with noise.\n\n");
		md.append("| query | p50 ms | p99 ms |\n|---|---:|---:|\n");
		((Map<String, Map<String, Object>>) latency.get("by_kind")).forEach((kind, values) -> md.append("| ")
			.append(kind).append(" | ").append(values.get("p50_ms")).append(" | ").append(values.get("p99_ms"))
			.append(" |\n"));
		var compared = (Map<String, Object>) details.get("compared_latency");
		if (compared != null && !compared.isEmpty()) {
			md.append("\nThe same searches with embedders `").append(compared.get("embedders"))
				.append("` (a further model's vector search fused in; its vectors are the same real embeddings with ")
				.append("other noise, so this measures cost, not quality) instead of `").append(latency.get("embedders"))
				.append("`: p50 ").append(compared.get("p50_ms")).append(" ms, p99 ").append(compared.get("p99_ms"))
				.append(" ms.\n\n| query | p50 ms | p99 ms |\n|---|---:|---:|\n");
			((Map<String, Map<String, Object>>) compared.get("by_kind")).forEach((kind, values) -> md.append("| ")
				.append(kind).append(" | ").append(values.get("p50_ms")).append(" | ").append(values.get("p99_ms"))
				.append(" |\n"));
		}
		md.append("\n## Ingestion\n\n").append(ingestion.get("documents"))
			.append(" SciFact documents, ingested in batches of ").append(ingestion.get("block"))
			.append(" alternating with the raw model on the same passages: raw embedding ")
			.append(ingestion.get("raw_embedding_docs_per_s"))
			.append(" docs/s, end to end (parse, chunk, embed, store, event, search projection) ")
			.append(ingestion.get("end_to_end_docs_per_s")).append(" docs/s: ratio ")
			.append(ingestion.get("ingest_ratio")).append(".\n");
		return md.toString();
	}

	/** A real document and its real embedding, the seed of replicated chunks. */
	record Base(Beir.Document document, float[] vector) {
	}

	/** A chunks table of {@code size} chunks replicated from the bases, generated while the index rebuild reads it. */
	static final class SyntheticChunks implements KnowledgeChunks {

		private final List<Base> bases;

		private final List<TenantId> tenants;

		private final int size;

		/** Further models' names: their vectors are the base vector with other noise (the cost, not the quality). */
		private final List<String> extraModels;

		SyntheticChunks(List<Base> bases, List<TenantId> tenants, int size, Embedders embedders) {
			if (bases.isEmpty()) {
				throw new IllegalArgumentException("no embeddings to replicate");
			}
			this.bases = bases;
			this.tenants = tenants;
			this.size = size;
			this.extraModels = embedders.extras().stream().map(Embeddings::name).toList();
		}

		@Override
		public List<KnowledgeChunk> chunksOf(TenantId tenant, UUID documentId) {
			return List.of();
		}

		@Override
		public void forEachChunk(Consumer<KnowledgeChunk> consumer) {
			var random = new Random(42);
			for (int i = 0; i < size; i++) {
				var base = bases.get(i % bases.size());
				var vector = Arrays.copyOf(base.vector(), base.vector().length);
				if (i >= bases.size()) {
					for (int d = 0; d < vector.length; d++) {
						vector[d] += (float) random.nextGaussian() * NOISE;
					}
				}
				int bucket = i % 10;
				var tenant = bucket < 7 ? tenants.get(0) : tenants.get(bucket - 6);
				var metadata = new PassageMetadata(TYPES.get(i % TYPES.size()), "p" + (i / 10 % 100),
						INDUSTRIES.get(i / 7 % INDUSTRIES.size()), REGIONS.get(i / 3 % REGIONS.size()), "en");
				var document = base.document();
				var id = UUID.nameUUIDFromBytes(("bench-" + i).getBytes(StandardCharsets.UTF_8));
				var extras = new java.util.HashMap<String, float[]>();
				for (var model : extraModels) {
					var extra = Arrays.copyOf(base.vector(), base.vector().length);
					for (int d = 0; d < extra.length; d++) {
						extra[d] += (float) random.nextGaussian() * NOISE;
					}
					extras.put(model, extra);
				}
				consumer.accept(new KnowledgeChunk(id, id, tenant, 0, document.title(), document.title(),
						document.text().isBlank() ? document.title() : document.text(), metadata, vector, "", extras));
			}
		}
	}
}
