-- Vectors of the further embedding models (groundwork.search.embedders beyond the primary one), one row per chunk and
-- model, as little-endian float32 like knowledge_chunk.embedding. The key (SHA-256 of the model and the text embedded)
-- lets an unchanged passage reuse its vector when its document is re-indexed.
CREATE TABLE knowledge_chunk_vector (
    chunk_id       UUID          NOT NULL REFERENCES knowledge_chunk (id) ON DELETE CASCADE,
    model          VARCHAR(40)   NOT NULL,
    tenant_id      UUID          NOT NULL REFERENCES tenant (id),
    embedding_key  CHAR(64)      NOT NULL,
    embedding      BYTEA         NOT NULL,
    PRIMARY KEY (chunk_id, model)
);
CREATE INDEX knowledge_chunk_vector_key ON knowledge_chunk_vector (tenant_id, model, embedding_key);
