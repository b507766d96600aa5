-- Knowledge chunks with their embeddings. In production pgvector holds the vectors (HNSW, cosine);
-- the Lucene BM25 index is a per-instance projection of this table.
CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE knowledge_chunk (
    id           UUID PRIMARY KEY,
    tenant_id    UUID          NOT NULL REFERENCES tenant (id),
    document_id  UUID          NOT NULL,
    ordinal      INTEGER       NOT NULL,
    title        VARCHAR(1000) NOT NULL,
    content      TEXT          NOT NULL,
    content_hash CHAR(64)      NOT NULL,
    embedding    vector(384)   NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX knowledge_chunk_tenant ON knowledge_chunk (tenant_id);
CREATE INDEX knowledge_chunk_embedding ON knowledge_chunk USING hnsw (embedding vector_cosine_ops);
