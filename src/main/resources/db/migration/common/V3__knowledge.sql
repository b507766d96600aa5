-- Knowledge: documents and their chunks. Portable SQL: runs on H2 (PostgreSQL mode) and PostgreSQL 17.
-- The chunks table is the source of truth; the search indexes (Lucene, pgvector) are projections of it.

CREATE TABLE knowledge_document (
    id            UUID PRIMARY KEY,
    tenant_id     UUID          NOT NULL REFERENCES tenant (id),
    source        VARCHAR(1000) NOT NULL,
    -- FOLDER: from the knowledge folder (removed by sync when the file is gone); UPLOAD: sent through the API
    origin        VARCHAR(16)   NOT NULL,
    title         VARCHAR(500)  NOT NULL,
    doc_type      VARCHAR(40)   NOT NULL DEFAULT '',
    product       VARCHAR(100)  NOT NULL DEFAULT '',
    industry      VARCHAR(100)  NOT NULL DEFAULT '',
    region        VARCHAR(40)   NOT NULL DEFAULT '',
    language      VARCHAR(10)   NOT NULL DEFAULT '',
    updated_on    DATE,
    visibility    VARCHAR(40)   NOT NULL DEFAULT '',
    media_type    VARCHAR(200)  NOT NULL DEFAULT '',
    size_bytes    BIGINT        NOT NULL,
    -- SHA-256 of the indexed bytes, and of the chunking/embedding settings they were indexed with
    content_hash  CHAR(64)      NOT NULL,
    pipeline_hash CHAR(64)      NOT NULL,
    status        VARCHAR(16)   NOT NULL,
    error         VARCHAR(2000),
    chunk_count   INTEGER       NOT NULL DEFAULT 0,
    indexed_at    TIMESTAMP WITH TIME ZONE,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT knowledge_document_source UNIQUE (tenant_id, source),
    CONSTRAINT knowledge_document_status CHECK (status IN ('INDEXING', 'INDEXED', 'FAILED')),
    CONSTRAINT knowledge_document_origin CHECK (origin IN ('FOLDER', 'UPLOAD'))
);

-- embedding holds 384 little-endian float32 values (1536 bytes), readable on both databases without an extension.
CREATE TABLE knowledge_chunk (
    id             UUID          PRIMARY KEY,
    tenant_id      UUID          NOT NULL REFERENCES tenant (id),
    document_id    UUID          NOT NULL REFERENCES knowledge_document (id) ON DELETE CASCADE,
    ordinal        INTEGER       NOT NULL,
    heading_path   VARCHAR(2000) NOT NULL,
    text           TEXT          NOT NULL,
    token_count    INTEGER       NOT NULL,
    content_hash   CHAR(64)      NOT NULL,
    -- SHA-256 of the model and the exact text embedded: an unchanged chunk reuses its vector on re-indexing
    embedding_key  CHAR(64)      NOT NULL,
    embedding      BYTEA         NOT NULL,
    doc_type       VARCHAR(40)   NOT NULL DEFAULT '',
    product        VARCHAR(100)  NOT NULL DEFAULT '',
    industry       VARCHAR(100)  NOT NULL DEFAULT '',
    region         VARCHAR(40)   NOT NULL DEFAULT '',
    language       VARCHAR(10)   NOT NULL DEFAULT '',
    CONSTRAINT knowledge_chunk_ordinal UNIQUE (document_id, ordinal)
);
CREATE INDEX knowledge_chunk_document ON knowledge_chunk (tenant_id, document_id, ordinal);
CREATE INDEX knowledge_chunk_embedding_key ON knowledge_chunk (tenant_id, embedding_key);
