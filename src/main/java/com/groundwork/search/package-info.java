/**
 * Search: the lexical (Lucene BM25) and vector (pgvector or Lucene HNSW) indexes, fusion, filters and explanations, always scoped to one tenant.
 */
@NullMarked
@ApplicationModule
package com.groundwork.search;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
