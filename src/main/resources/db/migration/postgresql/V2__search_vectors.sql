-- Vector projection of knowledge chunks for the postgres profile (search module). The embedded default keeps
-- vectors in Lucene's HNSW graph instead, so H2 has no such table. Filters live as real columns so that
-- pgvector's iterative index scan can apply them inside the HNSW search instead of post-filtering a top-k.
CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE search_vector (
    chunk_id     UUID PRIMARY KEY,
    tenant_id    UUID         NOT NULL REFERENCES tenant (id),
    document_id  UUID         NOT NULL,
    doc_type     VARCHAR(40)  NOT NULL,
    product      VARCHAR(100) NOT NULL DEFAULT '',
    industry     VARCHAR(100) NOT NULL DEFAULT '',
    region       VARCHAR(40)  NOT NULL DEFAULT '',
    language     VARCHAR(10)  NOT NULL DEFAULT '',
    embedding    vector(384)  NOT NULL
);
CREATE INDEX search_vector_document ON search_vector (tenant_id, document_id);
CREATE INDEX search_vector_embedding ON search_vector USING hnsw (embedding vector_cosine_ops);
