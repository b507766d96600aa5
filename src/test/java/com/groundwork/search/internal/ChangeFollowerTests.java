package com.groundwork.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.groundwork.identity.TenantId;
import com.groundwork.knowledge.KnowledgeChange;
import com.groundwork.knowledge.KnowledgeChunk;
import com.groundwork.knowledge.KnowledgeChunks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The follower's watermark over a change sequence that commits out of order. */
class ChangeFollowerTests {

	static final TenantId TENANT = new TenantId(UUID.randomUUID());

	final List<KnowledgeChange> log = new CopyOnWriteArrayList<>();

	final List<UUID> refreshed = new ArrayList<>();

	@TempDir
	Path dir;

	@Test
	void appliesEveryChangeOnceAndWaitsAtAGapUntilItFillsOrExpires() {
		var follower = follower();
		follower.startFrom(0);
		var one = change(1);
		var three = change(3);
		assertThat(follower.poll(0)).isEqualTo(2);
		assertThat(refreshed).containsExactly(one, three);
		assertThat(follower.watermark()).as("2 may still commit").isEqualTo(1);

		assertThat(follower.poll(seconds(1))).as("nothing new, 3 is not applied again").isZero();
		var two = change(2);
		assertThat(follower.poll(seconds(2))).isEqualTo(1);
		assertThat(refreshed).containsExactly(one, three, two);
		assertThat(follower.watermark()).isEqualTo(3);

		change(40); // identity values skipped (a rolled-back transaction, a database restart)
		follower.poll(seconds(3));
		assertThat(follower.watermark()).isEqualTo(3);
		follower.poll(seconds(40));
		assertThat(follower.watermark()).as("the gap expired").isEqualTo(40);
	}

	@Test
	void theWatermarkIsSavedSoARestartedInstanceCatchesUp() {
		var follower = follower();
		assertThat(follower.savedPosition()).isEmpty();
		follower.startFrom(0);
		change(1);
		change(2);
		follower.poll(0);
		assertThat(follower().savedPosition()).hasValue(2);
	}

	private ChangeFollower follower() {
		var chunks = new KnowledgeChunks() {
			@Override
			public List<KnowledgeChunk> chunksOf(TenantId tenant, UUID documentId) {
				return List.of();
			}

			@Override
			public void forEachChunk(Consumer<KnowledgeChunk> consumer) {
			}

			@Override
			public List<KnowledgeChange> changesSince(long sequence, int limit) {
				return log.stream().filter(change -> change.sequence() > sequence).sorted(
						java.util.Comparator.comparingLong(KnowledgeChange::sequence)).limit(limit).toList();
			}
		};
		var indexer = new SearchIndexer(chunks, List.of()) {
			@Override
			void refresh(TenantId tenant, UUID documentId) {
				refreshed.add(documentId);
			}
		};
		return new ChangeFollower(chunks, indexer, dir.resolve("index.changes"), Duration.ZERO, Duration.ofSeconds(30));
	}

	private UUID change(long sequence) {
		var document = UUID.randomUUID();
		log.add(new KnowledgeChange(sequence, TENANT, document));
		return document;
	}

	private static long seconds(long seconds) {
		return Duration.ofSeconds(seconds).toNanos();
	}
}
