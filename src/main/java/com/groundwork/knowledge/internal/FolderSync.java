package com.groundwork.knowledge.internal;

import com.groundwork.identity.TenantId;
import com.groundwork.knowledge.DocumentRejectedException;
import com.groundwork.knowledge.KnowledgeIngestion.IngestionOutcome;
import com.groundwork.knowledge.SourceDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Makes a tenant's folder documents match the knowledge folder: every supported file is ingested (unchanged ones are
 * skipped by hash), and documents whose file is gone are removed. README.md files and hidden files or folders are
 * not knowledge. One bad file is reported and the others carry on. Syncs of one tenant run one at a time.
 */
@Component
class FolderSync {

	private static final Logger log = LoggerFactory.getLogger(FolderSync.class);

	/** The file name extensions sync reads; the content must still be of an allowed media type. */
	static final Set<String> EXTENSIONS = Set.of("md", "markdown", "html", "htm", "xhtml", "pdf", "docx", "txt");

	/** Files read and ingested together. */
	private static final int BATCH = 4;

	private final KnowledgeSettings settings;

	private final DocumentIngestion ingestion;

	private final DocumentRepository documents;

	private final DocumentWriter writer;

	private final ConcurrentMap<TenantId, ReentrantLock> running = new ConcurrentHashMap<>();

	FolderSync(KnowledgeSettings settings, DocumentIngestion ingestion, DocumentRepository documents,
			DocumentWriter writer) {
		this.settings = settings;
		this.ingestion = ingestion;
		this.documents = documents;
		this.writer = writer;
	}

	SyncReport sync(TenantId tenant) {
		var lock = running.computeIfAbsent(tenant, key -> new ReentrantLock());
		lock.lock();
		try {
			return syncNow(tenant);
		}
		finally {
			lock.unlock();
		}
	}

	private SyncReport syncNow(TenantId tenant) {
		long started = System.nanoTime();
		var root = settings.folder().toAbsolutePath().normalize();
		var files = list(root);
		var candidates = files.stream().filter(FolderSync::isSupported).toList();
		var tally = new Tally();
		tally.skipped = files.size() - candidates.size();
		var present = new HashSet<String>();
		var done = new int[1];
		// A few files at a time through the pipelined batch: the model never waits for parsing or storing, and
		// at most a few files are held in memory.
		for (int from = 0; from < candidates.size(); from += BATCH) {
			var batch = new ArrayList<SourceDocument>();
			for (var file : candidates.subList(from, Math.min(candidates.size(), from + BATCH))) {
				var source = sourceOf(root, file);
				present.add(source);
				var document = read(file, source, tally);
				if (document != null) {
					batch.add(document);
				}
				else {
					done[0]++;
				}
			}
			ingestion.ingestAll(tenant, batch, Origin.FOLDER, (document, outcome, failure) -> {
				count(document.source(), outcome, failure, tally);
				log.info("Knowledge sync for tenant {}: {}/{} files ({})", tenant, ++done[0], candidates.size(),
						document.source());
			});
		}
		for (var document : documents.listByOrigin(tenant, Origin.FOLDER)) {
			if (!present.contains(document.source())) {
				writer.remove(tenant, document.id());
				tally.removed++;
				log.info("Knowledge sync for tenant {}: removed {} (its file is gone)", tenant, document.source());
			}
		}
		var report = new SyncReport(settings.folder().toString(), tally.indexed, tally.unchanged, tally.removed,
				tally.errors.size(), tally.skipped, tally.errors, (System.nanoTime() - started) / 1_000_000);
		log.info("Knowledge sync for tenant {} done in {} ms: {} indexed, {} unchanged, {} removed, {} failed, {} skipped",
				tenant, report.tookMillis(), report.indexed(), report.unchanged(), report.removed(), report.failed(),
				report.skipped());
		return report;
	}

	/** The file's content, or null when it is refused by its size or cannot be read (then counted as an error). */
	private @Nullable SourceDocument read(Path file, String source, Tally tally) {
		try {
			// A huge file is refused by its size, without being loaded.
			ingestion.checkSize(source, Files.size(file));
			return new SourceDocument(source, Files.readAllBytes(file));
		}
		catch (DocumentRejectedException ex) {
			tally.errors.add(new SyncReport.FileError(source, ex.reason().name(), ex.getMessage()));
		}
		catch (IOException | UncheckedIOException ex) {
			tally.errors.add(new SyncReport.FileError(source, "UNREADABLE", source + ": the file could not be read"));
			log.warn("Could not read {}", file, ex);
		}
		return null;
	}

	private static void count(String source, @Nullable IngestionOutcome outcome, @Nullable RuntimeException failure,
			Tally tally) {
		if (outcome != null) {
			if (outcome.status() == IngestionOutcome.Status.UNCHANGED) {
				tally.unchanged++;
			}
			else {
				tally.indexed++;
			}
		}
		else if (failure instanceof DocumentRejectedException ex) {
			tally.errors.add(new SyncReport.FileError(source, ex.reason().name(), ex.getMessage()));
		}
		else {
			tally.errors.add(new SyncReport.FileError(source, "FAILED", source + ": indexing failed unexpectedly"));
			log.error("Indexing {} failed", source, failure);
		}
	}

	/** Regular files under the folder, sorted, without hidden files or folders and without README.md. */
	private List<Path> list(Path root) {
		if (!Files.isDirectory(root)) {
			throw new KnowledgeFolderUnavailableException(settings.folder(), "does not exist or is not a folder");
		}
		// A listing cut short would make sync remove documents whose files are still there: fail instead.
		try (var walk = Files.walk(root)) {
			return walk.filter(Files::isRegularFile)
				.filter(file -> !isHidden(root.relativize(file)))
				.filter(file -> !file.getFileName().toString().equalsIgnoreCase("README.md"))
				.sorted()
				.toList();
		}
		catch (IOException | UncheckedIOException ex) {
			throw new KnowledgeFolderUnavailableException(settings.folder(), "cannot be read completely");
		}
	}

	private static boolean isHidden(Path relative) {
		return StreamSupport.stream(relative.spliterator(), false).anyMatch(part -> part.toString().startsWith("."));
	}

	private static boolean isSupported(Path file) {
		var name = file.getFileName().toString();
		int dot = name.lastIndexOf('.');
		return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
	}

	/** The path relative to the folder, with '/' on every platform. */
	static String sourceOf(Path root, Path file) {
		return StreamSupport.stream(root.relativize(file).spliterator(), false)
			.map(Path::toString)
			.reduce((a, b) -> a + "/" + b)
			.orElseThrow();
	}

	private static final class Tally {

		int indexed;

		int unchanged;

		int removed;

		int skipped;

		final List<SyncReport.FileError> errors = new ArrayList<>();
	}
}
