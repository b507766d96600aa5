package com.groundwork.search.internal;

import com.groundwork.knowledge.KnowledgeChunks;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;

/**
 * At start-up, rebuilds the search projections from the chunks table when they are missing, empty or were built by
 * another version (a new analyzer, another vector store). Events that arrive meanwhile wait for the rebuild and are
 * then applied on top of it. Then the change follower starts: after the rebuild from the sequence read before it
 * began, otherwise from where this index last stopped, so changes made by other instances meanwhile are caught up.
 */
class SearchIndexBootstrap implements ApplicationRunner, Ordered {

	private final SearchIndexer indexer;

	private final ChangeFollower follower;

	private final KnowledgeChunks chunks;

	SearchIndexBootstrap(SearchIndexer indexer, ChangeFollower follower, KnowledgeChunks chunks) {
		this.indexer = indexer;
		this.follower = follower;
		this.chunks = chunks;
	}

	@Override
	public void run(ApplicationArguments args) {
		long beforeRebuild = chunks.latestChange();
		var saved = follower.savedPosition();
		long rebuilt = indexer.rebuildIfNeeded();
		boolean rebuiltNow = rebuilt > 0 || saved.isEmpty();
		follower.startFrom(rebuiltNow ? beforeRebuild : Math.min(saved.getAsLong(), beforeRebuild));
	}

	/** Before other runners, which may rely on search. */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 10;
	}
}
