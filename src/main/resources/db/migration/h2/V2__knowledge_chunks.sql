-- Knowledge chunks with their embeddings. In the embedded default, Lucene holds the vector index (HNSW);
-- the vectors are kept here too so that the index can be rebuilt without embedding again.
CREATE TABLE knowledge_chunk (
    id           UUID PRIMARY KEY,
    tenant_id    UUID          NOT NULL REFERENCES tenant (id),
    document_id  UUID          NOT NULL,
    ordinal      INTEGER       NOT NULL,
    title        VARCHAR(1000) NOT NULL,
    content      CLOB          NOT NULL,
    content_hash CHAR(64)      NOT NULL,
    embedding    REAL ARRAY[384] NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX knowledge_chunk_tenant ON knowledge_chunk (tenant_id);
