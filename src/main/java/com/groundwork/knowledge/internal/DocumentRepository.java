package com.groundwork.knowledge.internal;

import com.groundwork.identity.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Knowledge documents. Every method is scoped to the tenant it is given: web handlers pass the current actor's
 * tenant, background jobs the tenant they work for; never a tenant named by a request.
 */
@Repository
class DocumentRepository {

	private static final String COLUMNS = "id, tenant_id, source, origin, title, doc_type, product, industry, region, "
			+ "language, updated_on, visibility, media_type, size_bytes, content_hash, pipeline_hash, status, error, "
			+ "chunk_count, indexed_at, updated_at";

	private static final int ERROR_LENGTH = 2000;

	private final JdbcClient jdbc;

	DocumentRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<StoredDocument> find(TenantId tenant, UUID id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM knowledge_document WHERE tenant_id = ? AND id = ?")
			.params(tenant.value(), id)
			.query(DocumentRepository::map)
			.optional();
	}

	/** The row, locked until the transaction ends, so concurrent writers of one document take turns. */
	Optional<StoredDocument> lock(TenantId tenant, UUID id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM knowledge_document WHERE tenant_id = ? AND id = ? FOR UPDATE")
			.params(tenant.value(), id)
			.query(DocumentRepository::map)
			.optional();
	}

	Optional<StoredDocument> findBySource(TenantId tenant, String source) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM knowledge_document WHERE tenant_id = ? AND source = ?")
			.params(tenant.value(), source)
			.query(DocumentRepository::map)
			.optional();
	}

	List<StoredDocument> list(TenantId tenant) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM knowledge_document WHERE tenant_id = ? ORDER BY source")
			.param(tenant.value())
			.query(DocumentRepository::map)
			.list();
	}

	List<StoredDocument> listByOrigin(TenantId tenant, Origin origin) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM knowledge_document WHERE tenant_id = ? AND origin = ? ORDER BY source")
			.params(tenant.value(), origin.name())
			.query(DocumentRepository::map)
			.list();
	}

	/** A new document, INDEXING, titled by its file name until it is parsed. */
	void insertIndexing(TenantId tenant, UUID id, String source, Origin origin, String contentHash, String pipelineHash,
			long sizeBytes, OffsetDateTime now) {
		jdbc.sql("""
				INSERT INTO knowledge_document (id, tenant_id, source, origin, title, size_bytes, content_hash,
				    pipeline_hash, status, chunk_count, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'INDEXING', 0, ?)""")
			.params(id, tenant.value(), source, origin.name(), MetadataFields.fileName(source), sizeBytes, contentHash,
					pipelineHash, now)
			.update();
	}

	/** An existing document is being re-indexed; its current chunks (and hash) stay until the new ones replace them. */
	void markIndexing(TenantId tenant, UUID id, Origin origin, OffsetDateTime now) {
		jdbc.sql("UPDATE knowledge_document SET status = 'INDEXING', origin = ?, updated_at = ? WHERE tenant_id = ? AND id = ?")
			.params(origin.name(), now, tenant.value(), id)
			.update();
	}

	int markIndexed(TenantId tenant, UUID id, ParsedDocument parsed, String contentHash, String pipelineHash,
			long sizeBytes, int chunkCount, OffsetDateTime now) {
		var metadata = parsed.metadata();
		return jdbc.sql("""
				UPDATE knowledge_document SET title = ?, doc_type = ?, product = ?, industry = ?, region = ?, language = ?,
				    updated_on = ?, visibility = ?, media_type = ?, size_bytes = ?, content_hash = ?, pipeline_hash = ?,
				    status = 'INDEXED', error = NULL, chunk_count = ?, indexed_at = ?, updated_at = ?
				WHERE tenant_id = ? AND id = ?""")
			.params(metadata.title(), metadata.type(), metadata.product(), metadata.industry(), metadata.region(),
					metadata.language(), metadata.updated(), metadata.visibility(), parsed.mediaType(), sizeBytes,
					contentHash, pipelineHash, chunkCount, now, now, tenant.value(), id)
			.update();
	}

	/**
	 * Records why the latest version could not be indexed. A document with chunks from an earlier version keeps
	 * serving them (INDEXED, with the error shown); one without becomes FAILED.
	 */
	void markFailed(TenantId tenant, UUID id, String error, OffsetDateTime now) {
		jdbc.sql("""
				UPDATE knowledge_document
				SET status = CASE WHEN chunk_count > 0 THEN 'INDEXED' ELSE 'FAILED' END, error = ?, updated_at = ?
				WHERE tenant_id = ? AND id = ?""")
			.params(truncate(error), now, tenant.value(), id)
			.update();
	}

	void clearError(TenantId tenant, UUID id) {
		jdbc.sql("UPDATE knowledge_document SET error = NULL WHERE tenant_id = ? AND id = ? AND error IS NOT NULL")
			.params(tenant.value(), id)
			.update();
	}

	void delete(TenantId tenant, UUID id) {
		jdbc.sql("DELETE FROM knowledge_document WHERE tenant_id = ? AND id = ?").params(tenant.value(), id).update();
	}

	/**
	 * Documents left INDEXING by a process that stopped mid-way, across all tenants (a start-up job). They get the
	 * status they really have: INDEXED with their earlier chunks, or FAILED.
	 */
	int recoverInterrupted(String reason, OffsetDateTime now) {
		return jdbc.sql("""
				UPDATE knowledge_document
				SET status = CASE WHEN chunk_count > 0 THEN 'INDEXED' ELSE 'FAILED' END, error = ?, updated_at = ?
				WHERE status = 'INDEXING'""")
			.params(truncate(reason), now)
			.update();
	}

	private static String truncate(String error) {
		return error.length() <= ERROR_LENGTH ? error : error.substring(0, ERROR_LENGTH - 1) + "…";
	}

	private static StoredDocument map(ResultSet rs, int row) throws SQLException {
		return new StoredDocument(rs.getObject("id", UUID.class), new TenantId(rs.getObject("tenant_id", UUID.class)),
				rs.getString("source"), Origin.valueOf(rs.getString("origin")), rs.getString("title"),
				rs.getString("doc_type"), rs.getString("product"), rs.getString("industry"), rs.getString("region"),
				rs.getString("language"), rs.getObject("updated_on", LocalDate.class), rs.getString("visibility"),
				rs.getString("media_type"), rs.getLong("size_bytes"), rs.getString("content_hash"),
				rs.getString("pipeline_hash"), DocumentStatus.valueOf(rs.getString("status")), rs.getString("error"),
				rs.getInt("chunk_count"), offsetDateTime(rs, "indexed_at"), offsetDateTime(rs, "updated_at"));
	}

	private static @Nullable OffsetDateTime offsetDateTime(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class);
	}
}
