package com.groundwork.search.internal;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;

/**
 * At start-up, rebuilds the search projections from the chunks table when they are missing, empty or were built by
 * another version (a new analyzer, another vector store). Events that arrive meanwhile wait for the rebuild and are
 * then applied on top of it.
 */
class SearchIndexBootstrap implements ApplicationRunner, Ordered {

	private final SearchIndexer indexer;

	SearchIndexBootstrap(SearchIndexer indexer) {
		this.indexer = indexer;
	}

	@Override
	public void run(ApplicationArguments args) {
		indexer.rebuildIfNeeded();
	}

	/** Before other runners, which may rely on search. */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 10;
	}
}
