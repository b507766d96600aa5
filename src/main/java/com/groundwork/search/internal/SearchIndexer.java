package com.groundwork.search.internal;

import com.groundwork.identity.TenantId;
import com.groundwork.knowledge.DocumentIndexed;
import com.groundwork.knowledge.DocumentRemoved;
import com.groundwork.knowledge.KnowledgeChunks;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.transaction.annotation.Propagation;

/**
 * Keeps the search projections in step with the chunks table. Each event only names a document; the listener reads
 * that document's current chunks ({@code chunksOf}, empty once it is gone) and replaces them in every projection. So
 * events may be replayed, duplicated or reordered (after a crash the publication registry resubmits unfinished ones)
 * and the projections still converge on the table. The listener runs after the publishing transaction commits, on its
 * own thread; it returns only when the change is durable, so a completed publication never stands for a lost index
 * update.
 */
class SearchIndexer {

	private static final Logger log = LoggerFactory.getLogger(SearchIndexer.class);

	private final KnowledgeChunks chunks;

	private final List<ChunkProjection> projections;

	/** Rebuilds take it exclusively; event handling shares it. */
	private final ReentrantReadWriteLock rebuildLock = new ReentrantReadWriteLock();

	/**
	 * One document at a time: read-then-write under a lock, so the last writer of a document has read its latest
	 * chunks. Striped to bound memory; unrelated documents rarely share a stripe.
	 */
	private final ReentrantLock[] documentLocks = new ReentrantLock[64];

	SearchIndexer(KnowledgeChunks chunks, List<ChunkProjection> projections) {
		this.chunks = chunks;
		this.projections = List.copyOf(projections);
		for (int i = 0; i < documentLocks.length; i++) {
			documentLocks[i] = new ReentrantLock();
		}
	}

	// No surrounding transaction: a listener may wait out a Lucene group commit, and must not hold a database
	// connection meanwhile. The pgvector projection writes in a transaction of its own; the publication is marked
	// complete only after this method returned, i.e. once every projection is durable.
	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(DocumentIndexed event) {
		refresh(event.tenant(), event.documentId());
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(DocumentRemoved event) {
		refresh(event.tenant(), event.documentId());
	}

	/**
	 * Makes every projection hold exactly the current chunks of one document, and waits until that is durable. The
	 * locks cover reading and applying only, not the wait for the group commit.
	 */
	void refresh(TenantId tenant, UUID documentId) {
		var pending = new ArrayList<ChunkProjection.Pending>(projections.size());
		rebuildLock.readLock().lock();
		var documentLock = documentLocks[Math.floorMod(documentId.hashCode(), documentLocks.length)];
		documentLock.lock();
		try {
			var current = chunks.chunksOf(tenant, documentId);
			for (var projection : projections) {
				pending.add(projection.apply(tenant, documentId, current));
			}
			log.debug("Search projections now hold {} chunks of document {}", current.size(), documentId);
		}
		finally {
			documentLock.unlock();
			rebuildLock.readLock().unlock();
		}
		pending.forEach(ChunkProjection.Pending::awaitDurable);
	}

	/** Rebuilds the projections that are empty or stale from the whole chunks table; returns how many chunks. */
	long rebuildIfNeeded() {
		var stale = projections.stream().filter(ChunkProjection::needsRebuild).toList();
		if (stale.isEmpty()) {
			return 0;
		}
		rebuildLock.writeLock().lock();
		try {
			long started = System.nanoTime();
			stale.forEach(ChunkProjection::startRebuild);
			var count = new AtomicLong();
			chunks.forEachChunk(chunk -> {
				for (var projection : stale) {
					projection.add(chunk);
				}
				if (count.incrementAndGet() % 10_000 == 0) {
					log.info("Rebuilding search projections: {} chunks", count.get());
				}
			});
			stale.forEach(ChunkProjection::finishRebuild);
			if (count.get() > 0) {
				log.info("Rebuilt search projections {} from {} chunks in {} ms",
						stale.stream().map(ChunkProjection::name).toList(), count.get(),
						(System.nanoTime() - started) / 1_000_000);
			}
			return count.get();
		}
		finally {
			rebuildLock.writeLock().unlock();
		}
	}
}
