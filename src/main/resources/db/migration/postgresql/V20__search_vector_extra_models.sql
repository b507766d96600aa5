-- Vectors of the further embedding models search can fuse (groundwork.search.embedders): one nullable column and one
-- HNSW index per model the application ships. A chunk without a model's vector has NULL there (HNSW skips it), and
-- an index over an unused model stays empty.
ALTER TABLE search_vector ADD COLUMN embedding_e5_small_v2_q vector(384);
ALTER TABLE search_vector ADD COLUMN embedding_all_minilm_l6_v2_q vector(384);
CREATE INDEX search_vector_embedding_e5_small_v2_q ON search_vector USING hnsw (embedding_e5_small_v2_q vector_cosine_ops);
CREATE INDEX search_vector_embedding_all_minilm_l6_v2_q
    ON search_vector USING hnsw (embedding_all_minilm_l6_v2_q vector_cosine_ops);
