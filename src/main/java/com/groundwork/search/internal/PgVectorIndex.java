package com.groundwork.search.internal;

import com.groundwork.identity.TenantId;
import com.groundwork.knowledge.KnowledgeChunk;
import com.groundwork.search.SearchFilters;
import com.pgvector.PGvector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Vectors in PostgreSQL ({@code search_vector}, pgvector HNSW with cosine distance). Tenant and metadata filters are
 * WHERE conditions; with {@code hnsw.iterative_scan = relaxed_order} pgvector keeps walking the graph until enough
 * rows pass them, instead of filtering a fixed top-{@code ef_search}. Rows come back nearly ordered and are re-sorted
 * here. Results are mapped to the Lucene documents of the same chunks, which carry the text.
 */
class PgVectorIndex implements VectorIndex, ChunkProjection {

	private static final Map<String, String> COLUMNS = Map.of("type", "doc_type", "product", "product", "industry",
			"industry", "region", "region", "language", "language", "visibility", "visibility");


	private static final int BATCH = 500;

	private final DataSource dataSource;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final TransactionTemplate readOnly;

	private final int efSearch;

	private @Nullable Connection rebuild;

	private @Nullable PreparedStatement rebuildInsert;

	private int pending;

	/** The further models whose vectors are written beside the primary one's. */
	private final List<VectorModel> extras;

	private final String insert;

	PgVectorIndex(DataSource dataSource, PlatformTransactionManager transactionManager, SearchSettings settings) {
		this(dataSource, transactionManager, settings, List.of());
	}

	PgVectorIndex(DataSource dataSource, PlatformTransactionManager transactionManager, SearchSettings settings,
			List<VectorModel> extras) {
		this.extras = List.copyOf(extras);
		var columns = new StringBuilder();
		var values = new StringBuilder();
		var updates = new StringBuilder();
		for (var extra : this.extras) {
			columns.append(", ").append(extra.column());
			values.append(", ?");
			updates.append(", ").append(extra.column()).append(" = EXCLUDED.").append(extra.column());
		}
		this.insert = """
				INSERT INTO search_vector (chunk_id, tenant_id, document_id, doc_type, product, industry, region, language,
				  visibility, embedding%s)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?%s)
				ON CONFLICT (chunk_id) DO UPDATE SET tenant_id = EXCLUDED.tenant_id, document_id = EXCLUDED.document_id,
				  doc_type = EXCLUDED.doc_type, product = EXCLUDED.product, industry = EXCLUDED.industry,
				  region = EXCLUDED.region, language = EXCLUDED.language, visibility = EXCLUDED.visibility,
				  embedding = EXCLUDED.embedding%s""".formatted(columns, values, updates);
		this.dataSource = dataSource;
		this.jdbc = new JdbcTemplate(dataSource);
		this.transactions = new TransactionTemplate(transactionManager);
		this.readOnly = new TransactionTemplate(transactionManager);
		this.readOnly.setReadOnly(true);
		this.efSearch = settings.hnsw().efSearch();
	}

	@Override
	public String name() {
		return "pgvector";
	}

	@Override
	public List<Hit> search(IndexSearcher searcher, TenantId tenant, SearchFilters filters, Query filter,
			VectorModel model, float[] vector, int depth) {
		// The column comes from a fixed set of names (VectorModel), never from a request.
		var column = model.column();
		var sql = new StringBuilder("SELECT chunk_id, 1 - (" + column + " <=> ?) AS similarity FROM search_vector"
				+ " WHERE tenant_id = ?");
		var arguments = new ArrayList<Object>();
		var target = new PGvector(ChunkFields.unit(vector));
		arguments.add(target);
		arguments.add(tenant.value());
		filters.byName().forEach((name, values) -> appendIn(sql, arguments, COLUMNS.get(name), values));
		if (!model.primary()) {
			sql.append(" AND ").append(column).append(" IS NOT NULL");
		}
		sql.append(" ORDER BY ").append(column).append(" <=> ? LIMIT ?");
		arguments.add(target);
		arguments.add(depth);
		List<Scored> rows = readOnly.execute(status -> {
			// SET LOCAL through set_config(..., true): scoped to this transaction, so pooled connections stay clean.
			jdbc.queryForObject("SELECT set_config('hnsw.ef_search', ?, true)", String.class,
					String.valueOf(Math.max(depth, efSearch)));
			jdbc.queryForObject("SELECT set_config('hnsw.iterative_scan', 'relaxed_order', true)", String.class);
			return jdbc.query(sql.toString(),
					(rs, row) -> new Scored(rs.getObject(1, UUID.class), rs.getFloat(2)), arguments.toArray());
		});
		if (rows == null || rows.isEmpty()) {
			return List.of();
		}
		var sorted = new ArrayList<>(rows);
		sorted.sort(Comparator.comparingDouble(Scored::similarity).reversed());
		var docs = ChunkLookup.docsOf(searcher, sorted.stream().map(Scored::chunkId).toList());
		var hits = new ArrayList<Hit>(sorted.size());
		for (var row : sorted) {
			var doc = docs.get(row.chunkId());
			if (doc != null) {
				hits.add(new Hit(doc, row.similarity()));
			}
		}
		return hits;
	}

	@Override
	public Map<Integer, float[]> vectors(IndexSearcher searcher, VectorModel model, int[] docs) {
		var chunkIds = ChunkLookup.chunkIdsOf(searcher, docs);
		if (chunkIds.isEmpty()) {
			return Map.of();
		}
		var byChunk = new HashMap<UUID, float[]>();
		jdbc.query("SELECT chunk_id, " + model.column() + " FROM search_vector WHERE chunk_id IN ("
				+ "?, ".repeat(chunkIds.size() - 1) + "?) AND " + model.column() + " IS NOT NULL", rs -> {
					// read as text: the driver knows the vector type only where PGvector was registered on the connection
					byChunk.put(rs.getObject(1, UUID.class), new PGvector(rs.getString(2)).toArray());
				}, chunkIds.values().toArray());
		var vectors = new HashMap<Integer, float[]>();
		chunkIds.forEach((doc, chunkId) -> {
			var vector = byChunk.get(chunkId);
			if (vector != null) {
				vectors.put(doc, vector);
			}
		});
		return vectors;
	}

	private static void appendIn(StringBuilder sql, List<Object> arguments, String column, Set<String> values) {
		if (values.isEmpty()) {
			return;
		}
		sql.append(" AND ").append(column).append(" IN (").append("?, ".repeat(values.size() - 1)).append("?)");
		arguments.addAll(values);
	}

	/** Delete and inserts in one transaction (the caller's, if it has one): committed, so durable, on return. */
	@Override
	public Pending apply(TenantId tenant, UUID documentId, List<KnowledgeChunk> chunks) {
		transactions.executeWithoutResult(status -> {
			jdbc.update("DELETE FROM search_vector WHERE tenant_id = ? AND document_id = ?", tenant.value(), documentId);
			jdbc.batchUpdate(insert, chunks, BATCH, (statement, chunk) -> bind(statement, chunk));
		});
		return Pending.DURABLE;
	}

	private void bind(PreparedStatement statement, KnowledgeChunk chunk) throws SQLException {
		var metadata = chunk.metadata();
		statement.setObject(1, chunk.chunkId());
		statement.setObject(2, chunk.tenant().value());
		statement.setObject(3, chunk.documentId());
		statement.setString(4, metadata.type());
		statement.setString(5, metadata.product());
		statement.setString(6, metadata.industry());
		statement.setString(7, metadata.region());
		statement.setString(8, metadata.language());
		statement.setString(9, metadata.visibility());
		statement.setObject(10, new PGvector(ChunkFields.unit(chunk.embedding())));
		for (int i = 0; i < extras.size(); i++) {
			var vector = chunk.extraEmbeddings().get(extras.get(i).name());
			statement.setObject(11 + i, vector == null ? null : new PGvector(ChunkFields.unit(vector)));
		}
	}

	/**
	 * Empty, or a further model was configured since the table was written (its column holds no vector at all): the
	 * chunks table has what is missing.
	 */
	@Override
	public boolean needsRebuild() {
		if (!Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM search_vector)", Boolean.class))) {
			return true;
		}
		return extras.stream()
			.anyMatch(extra -> !Boolean.TRUE.equals(jdbc.queryForObject(
					"SELECT EXISTS (SELECT 1 FROM search_vector WHERE " + extra.column() + " IS NOT NULL)",
					Boolean.class)));
	}

	/**
	 * A rebuild is one transaction on its own connection (not the caller's, which may be streaming the chunks): if it
	 * fails half way the table is still empty and the next start-up rebuilds again.
	 */
	@Override
	public void startRebuild() {
		try {
			rebuild = dataSource.getConnection();
			rebuild.setAutoCommit(false);
			try (var delete = rebuild.createStatement()) {
				delete.executeUpdate("DELETE FROM search_vector");
			}
			rebuildInsert = rebuild.prepareStatement(insert);
			pending = 0;
		}
		catch (SQLException ex) {
			abandonRebuild();
			throw new DataAccessResourceFailureException("Cannot start rebuilding search_vector", ex);
		}
	}

	@Override
	public void add(KnowledgeChunk chunk) {
		try {
			bind(rebuildInsert, chunk);
			rebuildInsert.addBatch();
			if (++pending == BATCH) {
				rebuildInsert.executeBatch();
				pending = 0;
			}
		}
		catch (SQLException ex) {
			abandonRebuild();
			throw new DataAccessResourceFailureException("Cannot rebuild search_vector", ex);
		}
	}

	@Override
	public void finishRebuild() {
		try {
			if (pending > 0) {
				rebuildInsert.executeBatch();
			}
			rebuild.commit();
		}
		catch (SQLException ex) {
			throw new DataAccessResourceFailureException("Cannot commit the rebuilt search_vector", ex);
		}
		finally {
			abandonRebuild();
		}
	}

	private void abandonRebuild() {
		try {
			if (rebuild != null) {
				rebuild.close();
			}
		}
		catch (SQLException ignored) {
			// closing rolls back whatever was not committed; nothing more to do
		}
		rebuild = null;
		rebuildInsert = null;
	}

	private record Scored(UUID chunkId, float similarity) {
	}
}
