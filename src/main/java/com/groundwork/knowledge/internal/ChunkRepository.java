package com.groundwork.knowledge.internal;

import com.groundwork.identity.TenantId;
import com.groundwork.knowledge.KnowledgeChunk;
import com.groundwork.knowledge.PassageMetadata;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
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
			    c.industry, c.region, c.language, d.visibility, c.embedding, c.content_hash
			FROM knowledge_chunk c JOIN knowledge_document d ON d.id = c.document_id AND d.tenant_id = c.tenant_id
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

	List<KnowledgeChunk> chunksOf(TenantId tenant, UUID documentId) {
		return jdbc.sql(SELECT + " WHERE c.tenant_id = ? AND c.document_id = ? ORDER BY c.ordinal")
			.params(tenant.value(), documentId)
			.query(ChunkRepository::map)
			.list();
	}

	/** Every chunk, row by row with a bounded fetch size (call inside a transaction: PostgreSQL needs one to stream). */
	void forEach(Consumer<KnowledgeChunk> consumer) {
		streaming.query(SELECT + " ORDER BY c.tenant_id, c.document_id, c.ordinal",
				(ResultSet rs) -> consumer.accept(map(rs, 0)));
	}

	private static KnowledgeChunk map(ResultSet rs, int row) throws SQLException {
		return new KnowledgeChunk(rs.getObject("id", UUID.class), rs.getObject("document_id", UUID.class),
				new TenantId(rs.getObject("tenant_id", UUID.class)), rs.getInt("ordinal"), rs.getString("title"),
				rs.getString("heading_path"), rs.getString("text"),
				new PassageMetadata(rs.getString("doc_type"), rs.getString("product"), rs.getString("industry"),
						rs.getString("region"), rs.getString("language"), rs.getString("visibility")),
				Vectors.fromBytes(rs.getBytes("embedding")), rs.getString("content_hash"));
	}
}
