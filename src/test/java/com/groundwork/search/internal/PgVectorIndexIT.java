package com.groundwork.search.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.groundwork.identity.TenantId;
import com.groundwork.knowledge.KnowledgeChunk;
import com.groundwork.knowledge.KnowledgeChunks;
import com.groundwork.knowledge.PassageMetadata;
import com.groundwork.search.Passage;
import com.groundwork.search.SearchFilters;
import com.groundwork.search.SearchQuery;
import com.groundwork.search.SearchQuery.Retrieval;
import com.groundwork.search.internal.SearchSettings.Fusion;
import com.groundwork.search.internal.SearchSettings.Hnsw;
import com.groundwork.search.internal.SearchSettings.Lexical;
import com.groundwork.search.internal.SearchSettings.Normalization;
import com.groundwork.search.internal.SearchSettings.VectorStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The pgvector vector store against a real PostgreSQL with pgvector (the build starts one and writes its JDBC URL to
 * target/pgvector/jdbc.url; or set -Dgroundwork.test.pg-url). Skipped without a server, except under CI=true, where
 * a missing server fails the test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PgVectorIndexIT {

	static final int DIMENSIONS = 384;

	static final TenantId ACME = new TenantId(UUID.randomUUID());

	static final TenantId GLOBEX = new TenantId(UUID.randomUUID());

	@TempDir
	Path dir;

	DriverManagerDataSource dataSource;

	JdbcTemplate jdbc;

	PgVectorIndex vectors;

	LuceneChunkIndex lucene;

	HybridPassageSearch search;

	SearchIndexer indexer;

	final MapChunks chunks = new MapChunks();

	@BeforeAll
	void migrate() throws Exception {
		var url = freshDatabase(serverUrl(), "search_vector_it");
		Flyway.configure()
			.dataSource(url, null, null)
			.locations("classpath:db/migration/common", "classpath:db/migration/postgresql")
			.load()
			.migrate();
		dataSource = new DriverManagerDataSource(url);
		jdbc = new JdbcTemplate(dataSource);
		for (var tenant : List.of(ACME, GLOBEX)) {
			jdbc.update("INSERT INTO tenant (id, slug, name, region, created_at) VALUES (?, ?, ?, 'US', now())",
					tenant.value(), "t" + tenant.value().toString().substring(0, 8), "Tenant");
		}
		var settings = new SearchSettings(Files.createTempDirectory("pgvector-it-index"), VectorStore.PGVECTOR,
				Fusion.RRF, 100, 60, Normalization.MIN_MAX, 1, 1, 0.3, SearchSettings.Feedback.NONE,
				new Lexical(LexicalAnalyzer.ENGLISH, 0.9f, 0.4f, 0.5f), new Hnsw(100, 20000), 120, 100, 64,
				java.time.Duration.ZERO, java.time.Duration.ZERO);
		vectors = new PgVectorIndex(dataSource, new DataSourceTransactionManager(dataSource), settings);
		lucene = new LuceneChunkIndex(settings, DIMENSIONS);
		search = new HybridPassageSearch(lucene, new LexicalSearch(lucene, settings), vectors,
				new QueryEmbeddings(new HashingEmbeddings(DIMENSIONS), 100), new ReciprocalRankFusion(60, 1, 1),
				new SnippetHighlighter(lucene, 120), 100, new RecentResults(64));
		indexer = new SearchIndexer(chunks, List.of(vectors, lucene));
	}

	@AfterAll
	void close() throws Exception {
		if (search != null) {
			search.close();
			lucene.close();
		}
	}

	@Test
	void aDocumentsChunksAreReplacedInOneTransaction() {
		var doc = UUID.randomUUID();
		chunks.put(doc, List.of(chunk(ACME, doc, "Pallet scanners read barcodes at the dock", "faq", "dock"),
				chunk(ACME, doc, "Scanners sync to the warehouse system every minute", "faq", "dock")));
		indexer.refresh(ACME, doc);
		assertThat(rows(doc)).isEqualTo(2);

		var replacement = List.of(chunk(ACME, doc, "Handheld scanners replaced the fixed dock readers", "faq", "dock"));
		chunks.put(doc, replacement);
		indexer.refresh(ACME, doc);
		assertThat(rows(doc)).isEqualTo(1);
		var dock = new SearchFilters(Set.of(), Set.of("dock"), Set.of(), Set.of(), Set.of());
		assertThat(vectorSearch(ACME, "handheld scanners dock readers", 10, dock)).extracting(Passage::chunkId)
			.containsExactly(replacement.getFirst().chunkId());

		var broken = new KnowledgeChunk(UUID.randomUUID(), doc, ACME, 0, "T", "T", "bad", faq(), new float[3],
				"");
		assertThatThrownBy(() -> vectors.replace(ACME, doc, List.of(broken))).isInstanceOf(RuntimeException.class);
		assertThat(rows(doc)).as("the delete rolled back with the failed insert").isEqualTo(1);

		chunks.put(doc, List.of());
		indexer.refresh(ACME, doc);
		assertThat(rows(doc)).isZero();
	}

	@Test
	void aTenantOnlyFindsItsOwnVectors() {
		for (var tenant : List.of(ACME, GLOBEX)) {
			for (int i = 0; i < 5; i++) {
				var doc = UUID.randomUUID();
				chunks.put(doc, List.of(chunk(tenant, doc, "Cold chain sensors log temperature " + i, "guide", "cold")));
				indexer.refresh(tenant, doc);
			}
		}

		var acme = vectorSearch(ACME, "cold chain temperature sensors", 100, SearchFilters.NONE);

		assertThat(acme).hasSizeGreaterThanOrEqualTo(5);
		var acmeDocs = acme.stream().map(Passage::documentId).collect(Collectors.toSet());
		assertThat(vectorSearch(GLOBEX, "cold chain temperature sensors", 100, SearchFilters.NONE))
			.extracting(Passage::documentId)
			.doesNotContainAnyElementsOf(acmeDocs);
	}

	@Test
	void aFilterMatchingOnePercentStillReturnsKThroughTheIterativeScan() {
		jdbc.update("DELETE FROM search_vector");
		var all = new ArrayList<KnowledgeChunk>();
		var random = new java.util.Random(7);
		for (int i = 0; i < 3000; i++) {
			var doc = UUID.randomUUID();
			var words = new StringBuilder("Route planning for delivery vans");
			for (int w = 0; w < 6; w++) {
				words.append(" w").append(random.nextInt(400));
			}
			all.add(chunk(ACME, doc, words.toString(), "article", i % 100 == 3 ? "rare-product" : "common-product"));
		}
		all.forEach(chunk -> chunks.put(chunk.documentId(), List.of(chunk)));
		assertThat(vectors.needsRebuild()).as("an empty table asks for a rebuild").isTrue();
		assertThat(indexer.rebuildIfNeeded()).isGreaterThanOrEqualTo(3000);
		jdbc.execute("ANALYZE search_vector");
		assertThat(vectors.needsRebuild()).isFalse();

		var rare = new SearchFilters(Set.of(), Set.of("rare-product"), Set.of(), Set.of(), Set.of());
		var passages = vectorSearch(ACME, "route planning delivery vans", 10, rare);

		assertThat(passages).hasSize(10).allSatisfy(passage -> {
			assertThat(passage.metadata().product()).isEqualTo("rare-product");
			assertThat(passage.vector()).isPresent();
		});
	}

	private List<Passage> vectorSearch(TenantId tenant, String text, int k, SearchFilters filters) {
		return search.search(new SearchQuery(tenant, text, k, filters, true, Retrieval.VECTOR));
	}

	@Test
	void aFurtherModelsVectorsLiveInTheirOwnColumnAndAreSearchedAndReadBack() throws Exception {
		var e5 = VectorModel.extra("e5-small-v2-q");
		var settings = new SearchSettings(Files.createTempDirectory("pgvector-it-extra"), VectorStore.PGVECTOR,
				Fusion.RRF, 100, 60, Normalization.MIN_MAX, 1, 1, 0.3, SearchSettings.Feedback.NONE,
				new Lexical(LexicalAnalyzer.ENGLISH, 0.9f, 0.4f, 0.5f), new Hnsw(100, 20000), 120, 100, 64,
				java.time.Duration.ZERO, java.time.Duration.ZERO);
		var withE5 = new PgVectorIndex(dataSource, new DataSourceTransactionManager(dataSource), settings, List.of(e5));
		try (var index = new LuceneChunkIndex(settings, DIMENSIONS)) {
			var doc = UUID.randomUUID();
			var plain = chunk(GLOBEX, doc, "Reefer containers keep vaccines cold", "faq", "extra");
			var withVector = new KnowledgeChunk(plain.chunkId(), doc, GLOBEX, 0, "Doc", "Doc", plain.text(),
					plain.metadata(), plain.embedding(), plain.contentHash(),
					java.util.Map.of(e5.name(), HashingEmbeddings.vector("temperature logging for pharma", DIMENSIONS)));
			var without = chunk(GLOBEX, doc, "Invoices arrive by email", "faq", "extra");
			withE5.replace(GLOBEX, doc, List.of(withVector, without));
			index.replace(GLOBEX, doc, List.of(withVector, without));

			assertThat(jdbc.queryForObject("SELECT count(*) FROM search_vector WHERE document_id = ? AND "
					+ e5.column() + " IS NOT NULL", Integer.class, doc)).isEqualTo(1);
			var searcher = index.acquire();
			try {
				var filter = FilterQueries.of(GLOBEX, SearchFilters.NONE);
				var hits = withE5.search(searcher, GLOBEX, SearchFilters.NONE, filter, e5,
						HashingEmbeddings.vector("pharma temperature logging", DIMENSIONS), 10);
				// only the chunk with a vector of that model is a candidate of its search
				assertThat(hits).hasSize(1);
				var stored = withE5.vectors(searcher, e5, new int[] { hits.getFirst().doc() });
				assertThat(stored.get(hits.getFirst().doc())).hasSize(DIMENSIONS);
				assertThat(withE5.vectors(searcher, VectorModel.PRIMARY, new int[] { hits.getFirst().doc() }))
					.hasSize(1);
			}
			finally {
				index.release(searcher);
			}
			// a column with no vector at all while the model is configured asks for a rebuild; written, it does not
			assertThat(withE5.needsRebuild()).isFalse();
			jdbc.update("UPDATE search_vector SET " + e5.column() + " = NULL");
			assertThat(withE5.needsRebuild()).isTrue();
			assertThat(vectors.needsRebuild()).as("a store without the model does not care").isFalse();
		}
	}

	private int rows(UUID documentId) {
		return jdbc.queryForObject("SELECT count(*) FROM search_vector WHERE document_id = ?", Integer.class,
				documentId);
	}

	private static PassageMetadata faq() {
		return new PassageMetadata("faq", "", "", "", "en");
	}

	private static KnowledgeChunk chunk(TenantId tenant, UUID doc, String text, String type, String product) {
		return new KnowledgeChunk(UUID.randomUUID(), doc, tenant, 0, "Doc", "Doc", text,
				new PassageMetadata(type, product, "", "", "en"), HashingEmbeddings.vector(text, DIMENSIONS),
				SearchFixtures.sha256(text));
	}

	/** The server's URL, or a skipped test (a failed one under CI=true). */
	static String serverUrl() throws IOException {
		var url = System.getProperty("groundwork.test.pg-url", "");
		if (url.isBlank()) {
			var dir = Path.of(System.getProperty("groundwork.test.pgvector-dir", "target/pgvector"));
			var file = dir.resolve("jdbc.url");
			if (Files.exists(file)) {
				url = Files.readString(file).strip();
			}
		}
		if (url.isBlank()) {
			var dir = Path.of(System.getProperty("groundwork.test.pgvector-dir", "target/pgvector"));
			var unavailable = dir.resolve("unavailable");
			var reason = "no PostgreSQL + pgvector server: neither -Dgroundwork.test.pg-url nor " + dir.resolve("jdbc.url")
					+ (Files.exists(unavailable) ? " (" + Files.readString(unavailable).strip() + ")" : "");
			if ("true".equals(System.getenv("CI"))) {
				fail(reason + " (CI=true: the pgvector tests must run)");
			}
			Assumptions.assumeTrue(false, reason);
		}
		return url;
	}

	/** A new, empty database on the server, so reruns and other tests never see each other's rows. */
	static String freshDatabase(String url, String name) throws SQLException {
		try (var connection = DriverManager.getConnection(url); var statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
			statement.execute("CREATE DATABASE " + name);
		}
		return url.replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1" + name);
	}

	/** The chunks table as a map. */
	static final class MapChunks implements KnowledgeChunks {

		private final Map<UUID, List<KnowledgeChunk>> documents = new ConcurrentHashMap<>();

		void put(UUID documentId, List<KnowledgeChunk> chunks) {
			documents.put(documentId, chunks);
		}

		@Override
		public List<KnowledgeChunk> chunksOf(TenantId tenant, UUID documentId) {
			return documents.getOrDefault(documentId, List.of())
				.stream()
				.filter(chunk -> chunk.tenant().equals(tenant))
				.toList();
		}

		@Override
		public void forEachChunk(Consumer<KnowledgeChunk> consumer) {
			documents.values().forEach(chunks -> chunks.forEach(consumer));
		}
	}
}
