package com.groundwork;

import static org.assertj.core.api.Assertions.assertThat;

import com.groundwork.support.PgvectorServer;
import com.pgvector.PGvector;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Real PostgreSQL 17 + pgvector: the production migrations apply, the HNSW cosine index answers top-k, and a query
 * filtered to a tenant holding 1 % of the rows still returns k rows thanks to pgvector's iterative index scan.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PgvectorIT {

	private static final int ROWS = 5_000;

	private static final int DIMENSIONS = 384;

	private static final int K = 10;

	private final UUID big = UUID.randomUUID();

	private final UUID small = UUID.randomUUID();

	private final Random random = new Random(42);

	private final List<float[]> smallTenantVectors = new ArrayList<>();

	private Connection connection;

	@BeforeAll
	void migrateAndLoad() throws SQLException {
		String url = PgvectorServer.freshDatabase("pgvector_it");
		Flyway.configure()
			.dataSource(url, null, null)
			.locations("classpath:db/migration/common", "classpath:db/migration/postgresql")
			.load()
			.migrate();
		connection = DriverManager.getConnection(url);
		PGvector.registerTypes(connection);
		try (var statement = connection.createStatement()) {
			statement.execute("INSERT INTO tenant (id, slug, name, region, created_at) VALUES ('" + big
					+ "', 'big', 'Big', 'US', now()), ('" + small + "', 'small', 'Small', 'EU', now())");
		}
		connection.setAutoCommit(false);
		try (PreparedStatement insert = connection.prepareStatement(
				"INSERT INTO search_vector (chunk_id, tenant_id, document_id, doc_type, embedding) VALUES (?, ?, ?, 'faq', ?)")) {
			for (int i = 0; i < ROWS; i++) {
				boolean inSmallTenant = i % 100 == 0; // 1 % of the rows
				float[] vector = randomUnitVector();
				if (inSmallTenant) {
					smallTenantVectors.add(vector);
				}
				insert.setObject(1, UUID.randomUUID());
				insert.setObject(2, inSmallTenant ? small : big);
				insert.setObject(3, UUID.randomUUID());
				insert.setObject(4, new PGvector(vector));
				insert.addBatch();
			}
			insert.executeBatch();
		}
		connection.commit();
		try (var statement = connection.createStatement()) {
			statement.execute("ANALYZE search_vector");
		}
		connection.commit();
	}

	@AfterAll
	void close() throws SQLException {
		if (connection != null) {
			connection.close();
		}
	}

	@Test
	void theVectorExtensionIsInstalledByTheMigrations() throws SQLException {
		try (var statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT extversion FROM pg_extension WHERE extname = 'vector'")) {
			assertThat(result.next()).isTrue();
			assertThat(result.getString(1)).isGreaterThanOrEqualTo("0.8.0");
		}
		connection.commit();
	}

	@Test
	void theHnswIndexAnswersTopK() throws SQLException {
		float[] query = smallTenantVectors.get(3);
		try (var statement = connection.createStatement()) {
			statement.execute("SET LOCAL enable_seqscan = off");
		}
		assertThat(plan("SELECT chunk_id FROM search_vector ORDER BY embedding <=> ? LIMIT " + K, query))
			.contains("search_vector_embedding");
		List<Double> distances = nearest("SELECT embedding <=> ? FROM search_vector ORDER BY embedding <=> ? LIMIT " + K,
				query);
		assertThat(distances).hasSize(K).isSorted();
		assertThat(distances.getFirst()).as("the query vector itself is its own nearest neighbour").isLessThan(1e-5);
		connection.commit();
	}

	@Test
	void aTenantWithOnePercentOfTheRowsStillGetsKResultsWithIterativeScan() throws SQLException {
		float[] query = randomUnitVector();
		String sql = "SELECT embedding <=> ? FROM search_vector WHERE tenant_id = '" + small
				+ "' ORDER BY embedding <=> ? LIMIT " + K;
		try (var statement = connection.createStatement()) {
			// With 50 rows the planner rightly prefers the tenant B-tree; drop it for this transaction only, so the
			// filtered query has to go through the HNSW graph, which is what large tenants' queries do.
			statement.execute("DROP INDEX search_vector_document");
			statement.execute("SET LOCAL enable_seqscan = off");
			statement.execute("SET LOCAL hnsw.ef_search = 40");
			statement.execute("SET LOCAL hnsw.iterative_scan = off");
		}
		List<Double> withoutIterativeScan = nearest(sql, query);
		assertThat(plan(sql.replace("embedding <=> ? FROM", "chunk_id FROM"), query)).contains("search_vector_embedding");
		try (var statement = connection.createStatement()) {
			statement.execute("SET LOCAL hnsw.iterative_scan = relaxed_order");
		}
		List<Double> withIterativeScan = nearest(sql, query);
		connection.rollback();

		assertThat(withoutIterativeScan).as("a plain HNSW scan post-filters its ef_search candidates").hasSizeLessThan(K);
		assertThat(withIterativeScan).as("iterative scan keeps searching until k rows pass the filter").hasSize(K);
	}

	private List<Double> nearest(String sql, float[] query) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setObject(1, new PGvector(query));
			statement.setObject(2, new PGvector(query));
			List<Double> distances = new ArrayList<>();
			try (ResultSet result = statement.executeQuery()) {
				while (result.next()) {
					distances.add(result.getDouble(1));
				}
			}
			return distances;
		}
	}

	private String plan(String sql, float[] query) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("EXPLAIN " + sql)) {
			statement.setObject(1, new PGvector(query));
			StringBuilder plan = new StringBuilder();
			try (ResultSet result = statement.executeQuery()) {
				while (result.next()) {
					plan.append(result.getString(1)).append('\n');
				}
			}
			return plan.toString();
		}
	}

	private float[] randomUnitVector() {
		float[] vector = new float[DIMENSIONS];
		double norm = 0;
		for (int i = 0; i < DIMENSIONS; i++) {
			vector[i] = (float) random.nextGaussian();
			norm += vector[i] * vector[i];
		}
		for (int i = 0; i < DIMENSIONS; i++) {
			vector[i] /= (float) Math.sqrt(norm);
		}
		return vector;
	}
}
