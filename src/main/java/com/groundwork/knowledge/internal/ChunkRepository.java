package com.groundwork.knowledge.internal;

import com.groundwork.identity.TenantId;
import com.groundwork.knowledge.KnowledgeChunk;
import com.groundwork.knowledge.PassageMetadata;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Knowledge chunks, scoped by tenant like their documents (except the all-tenant stream that rebuilds an index). */
@Repository
class ChunkRepository {

	/** Rows fetched per round trip when streaming every chunk. */
	static final int FETCH_SIZE = 256;

	private static final int LOOKUP_BATCH = 500;

	private static final String SELECT = """
			SELECT c.id, c.document_id, c.tenant_id, c.ordinal, d.title, c.heading_path, c.text, c.doc_type, c.product,
			    c.industry, c.region, c.language, d.visibility, c.embedding, c.content_hash,
			    v.model AS extra_model, v.embedding AS extra_embedding
			FROM knowledge_chunk c JOIN knowledge_document d ON d.id = c.document_id AND d.tenant_id = c.tenant_id
			LEFT JOIN knowledge_chunk_vector v ON v.chunk_id = c.id
			""";

	private final JdbcClient jdbc;

	private final JdbcTemplate streaming;

	ChunkRepository(JdbcClient jdbc, DataSource dataSource) {
		this.jdbc = jdbc;
		this.streaming = new JdbcTemplate(dataSource);
		this.streaming.setFetchSize(FETCH_SIZE);
	}

	void insert(TenantId tenant, UUID documentId, PassageMetadata metadata, List<StoredChunk> chunks) {
		var rows = chunks.stream()
			.map(chunk -> new Object[] { chunk.id(), tenant.value(), documentId, chunk.ordinal(), chunk.headingPath(),
					chunk.text(), chunk.tokens(), chunk.contentHash(), chunk.embeddingKey(),
					Vectors.toBytes(chunk.embedding()), metadata.type(), metadata.product(), metadata.industry(),
					metadata.region(), metadata.language() })
			.toList();
		streaming.batchUpdate("""
				INSERT INTO knowledge_chunk (id, tenant_id, document_id, ordinal, heading_path, text, token_count,
				    content_hash, embedding_key, embedding, doc_type, product, industry, region, language)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
		var extras = chunks.stream()
			.flatMap(chunk -> chunk.extraVectors().stream()
				.map(extra -> new Object[] { chunk.id(), extra.model(), tenant.value(), extra.key(),
						Vectors.toBytes(extra.vector()) }))
			.toList();
		if (!extras.isEmpty()) {
			streaming.batchUpdate("""
					INSERT INTO knowledge_chunk_vector (chunk_id, model, tenant_id, embedding_key, embedding)
					VALUES (?, ?, ?, ?, ?)""", extras);
		}
	}

	int deleteByDocument(TenantId tenant, UUID documentId) {
		return jdbc.sql("DELETE FROM knowledge_chunk WHERE tenant_id = ? AND document_id = ?")
			.params(tenant.value(), documentId)
			.update();
	}

	/** Stored vectors of this tenant's chunks by embedding key: text embedded before need not be embedded again. */
	Map<String, float[]> embeddingsByKey(TenantId tenant, Collection<String> keys) {
		var found = new HashMap<String, float[]>();
		var distinct = keys.stream().distinct().toList();
		for (int from = 0; from < distinct.size(); from += LOOKUP_BATCH) {
			var batch = distinct.subList(from, Math.min(distinct.size(), from + LOOKUP_BATCH));
			jdbc.sql("SELECT embedding_key, embedding FROM knowledge_chunk WHERE tenant_id = :tenant AND embedding_key IN (:keys)")
				.param("tenant", tenant.value())
				.param("keys", batch)
				.query((ResultSet rs) -> {
					found.putIfAbsent(rs.getString(1), Vectors.fromBytes(rs.getBytes(2)));
				});
		}
		return found;
	}

	/** Further models' stored vectors of this tenant's passages by embedding key. */
	Map<String, float[]> extraVectorsByKey(TenantId tenant, String model, Collection<String> keys) {
		var found = new HashMap<String, float[]>();
		var distinct = keys.stream().distinct().toList();
		for (int from = 0; from < distinct.size(); from += LOOKUP_BATCH) {
			var batch = distinct.subList(from, Math.min(distinct.size(), from + LOOKUP_BATCH));
			jdbc.sql("""
					SELECT embedding_key, embedding FROM knowledge_chunk_vector
					WHERE tenant_id = :tenant AND model = :model AND embedding_key IN (:keys)""")
				.param("tenant", tenant.value())
				.param("model", model)
				.param("keys", batch)
				.query((ResultSet rs) -> {
					found.putIfAbsent(rs.getString(1), Vectors.fromBytes(rs.getBytes(2)));
				});
		}
		return found;
	}

	List<KnowledgeChunk> chunksOf(TenantId tenant, UUID documentId) {
		var chunks = new ArrayList<KnowledgeChunk>();
		var rows = new Rows(chunks::add);
		jdbc.sql(SELECT + " WHERE c.tenant_id = ? AND c.document_id = ? ORDER BY c.ordinal, v.model")
			.params(tenant.value(), documentId)
			.query(rows::accept);
		rows.finish();
		return chunks;
	}

	/** Every chunk, row by row with a bounded fetch size (call inside a transaction: PostgreSQL needs one to stream). */
	void forEach(Consumer<KnowledgeChunk> consumer) {
		var rows = new Rows(consumer);
		streaming.query(SELECT + " ORDER BY c.tenant_id, c.document_id, c.ordinal, v.model", rows::accept);
		rows.finish();
	}

	/**
	 * Joins a chunk's rows (one per further model's vector, or a single one without any) into one chunk: a chunk's rows
	 * are adjacent, so only the chunk being read is held.
	 */
	private static final class Rows {

		private final Consumer<KnowledgeChunk> consumer;

		private KnowledgeChunk current;

		private final Map<String, float[]> extras = new LinkedHashMap<>();

		Rows(Consumer<KnowledgeChunk> consumer) {
			this.consumer = consumer;
		}

		void accept(ResultSet rs) throws SQLException {
			var id = rs.getObject("id", UUID.class);
			if (current != null && !current.chunkId().equals(id)) {
				finish();
			}
			if (current == null) {
				current = map(rs);
			}
			var model = rs.getString("extra_model");
			if (model != null) {
				extras.put(model, Vectors.fromBytes(rs.getBytes("extra_embedding")));
			}
		}

		void finish() {
			if (current != null) {
				consumer.accept(new KnowledgeChunk(current.chunkId(), current.documentId(), current.tenant(),
						current.ordinal(), current.documentTitle(), current.headingPath(), current.text(),
						current.metadata(), current.embedding(), current.contentHash(), extras));
				current = null;
				extras.clear();
			}
		}
	}

	private static KnowledgeChunk map(ResultSet rs) throws SQLException {
		return new KnowledgeChunk(rs.getObject("id", UUID.class), rs.getObject("document_id", UUID.class),
				new TenantId(rs.getObject("tenant_id", UUID.class)), rs.getInt("ordinal"), rs.getString("title"),
				rs.getString("heading_path"), rs.getString("text"),
				new PassageMetadata(rs.getString("doc_type"), rs.getString("product"), rs.getString("industry"),
						rs.getString("region"), rs.getString("language"), rs.getString("visibility")),
				Vectors.fromBytes(rs.getBytes("embedding")), rs.getString("content_hash"));
	}
}
