package com.groundwork.search.internal;

import com.groundwork.knowledge.KnowledgeChunks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the knowledge change sequence so that this instance's projections converge on the chunks table even when
 * another instance made the change (its events reach only its own listeners). Each change only names a document,
 * which {@link SearchIndexer#refresh} re-projects from the table, so applying one twice is harmless.
 * <p>
 * Sequences may commit out of order (two concurrent transactions), so the follower keeps a watermark: every sequence
 * up to it has been applied. Changes above a gap are applied at once but the watermark waits for the gap to fill, or
 * for {@code gapTimeout} (a rolled-back transaction, or identity values skipped on a database restart). The
 * watermark is saved beside the index, so a restarted instance catches up on what it missed.
 */
class ChangeFollower implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(ChangeFollower.class);

	private static final int BATCH = 500;

	private final KnowledgeChunks chunks;

	private final SearchIndexer indexer;

	private final Path positionFile;

	private final Duration interval;

	private final Duration gapTimeout;

	private final TreeSet<Long> appliedAboveWatermark = new TreeSet<>();

	private long watermark;

	private long gapSince = -1;

	private @Nullable ScheduledExecutorService scheduler;

	ChangeFollower(KnowledgeChunks chunks, SearchIndexer indexer, Path positionFile, Duration interval,
			Duration gapTimeout) {
		this.chunks = chunks;
		this.indexer = indexer;
		this.positionFile = positionFile;
		this.interval = interval;
		this.gapTimeout = gapTimeout;
	}

	/** The sequence to follow from, or empty when this index has never followed (or the file is unreadable). */
	OptionalLong savedPosition() {
		try {
			if (Files.isRegularFile(positionFile)) {
				return OptionalLong.of(Long.parseLong(Files.readString(positionFile, StandardCharsets.US_ASCII).strip()));
			}
		}
		catch (IOException | NumberFormatException ex) {
			log.warn("Ignoring unreadable change position {}: {}", positionFile, ex.toString());
		}
		return OptionalLong.empty();
	}

	/** Starts polling after {@code position}; does nothing when following is switched off (interval 0). */
	synchronized void startFrom(long position) {
		watermark = position;
		save();
		if (interval.isZero() || scheduler != null) {
			return;
		}
		scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("search-change-follower").daemon().factory());
		scheduler.scheduleWithFixedDelay(this::pollSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
		log.info("Following knowledge changes after sequence {} every {}", position, interval);
	}

	private void pollSafely() {
		try {
			poll(System.nanoTime());
		}
		catch (RuntimeException ex) {
			log.warn("Following knowledge changes failed; retrying: {}", ex.toString());
		}
	}

	/** One round: applies what is new, advances and saves the watermark; returns how many changes it applied. */
	synchronized int poll(long nowNanos) {
		int applied = 0;
		long before = watermark;
		for (var change : chunks.changesSince(watermark, BATCH)) {
			if (appliedAboveWatermark.add(change.sequence())) {
				indexer.refresh(change.tenant(), change.documentId());
				applied++;
			}
		}
		while (!appliedAboveWatermark.isEmpty()) {
			if (appliedAboveWatermark.first() == watermark + 1) {
				watermark = appliedAboveWatermark.pollFirst();
				gapSince = -1;
			}
			else if (gapSince < 0) {
				gapSince = nowNanos;
				break;
			}
			else if (nowNanos - gapSince >= gapTimeout.toNanos()) {
				log.debug("Gap in the change sequence after {} expired; moving on", watermark);
				watermark = appliedAboveWatermark.first() - 1;
				gapSince = -1;
			}
			else {
				break;
			}
		}
		if (watermark != before) {
			save();
		}
		return applied;
	}

	synchronized long watermark() {
		return watermark;
	}

	private void save() {
		try {
			Files.createDirectories(positionFile.toAbsolutePath().getParent());
			var temporary = positionFile.resolveSibling(positionFile.getFileName() + ".tmp");
			Files.writeString(temporary, Long.toString(watermark), StandardCharsets.US_ASCII);
			Files.move(temporary, positionFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot save the change position " + positionFile, ex);
		}
	}

	@Override
	public synchronized void close() {
		if (scheduler != null) {
			scheduler.shutdownNow();
			scheduler = null;
		}
	}
}
