package com.groundwork.insight.internal.eval;

import com.groundwork.identity.TenantId;
import com.groundwork.knowledge.KnowledgeIngestion;
import com.groundwork.knowledge.SourceDocument;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The full production path ({@code --via ingestion}): each BEIR document becomes a Markdown source document
 * ({@code # title}, blank line, text) ingested by the knowledge module (parse, chunk, embed, store, publish), and the
 * evaluation waits until the search module's listeners have projected every document.
 */
final class IngestionPath {

	private static final Logger log = LoggerFactory.getLogger(IngestionPath.class);

	private IngestionPath() {
	}

	/** Ingests the corpus for a new tenant; returns BEIR document id by knowledge document id. */
	static Map<UUID, String> ingest(EvalContext context, TenantId tenant, List<Beir.Document> corpus, int threads)
			throws InterruptedException {
		createTenant(context, tenant);
		var ingestion = context.bean(KnowledgeIngestion.class);
		var beirIds = new ConcurrentHashMap<UUID, String>();
		var done = new AtomicInteger();
		long started = System.nanoTime();
		try (var executor = Executors.newFixedThreadPool(threads)) {
			var futures = new ArrayList<Future<?>>();
			for (var document : corpus) {
				futures.add(executor.submit(() -> {
					var outcome = ingestion.ingest(tenant, source(document));
					beirIds.put(outcome.documentId(), document.id());
					int count = done.incrementAndGet();
					if (count % 250 == 0) {
						log.info("Ingested {}/{} documents ({} s)", count, corpus.size(),
								Math.round((System.nanoTime() - started) / 1e9));
					}
				}));
			}
			for (var future : futures) {
				future.get();
			}
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Ingestion failed", ex.getCause());
		}
		awaitProjection(new JdbcTemplate(context.bean(javax.sql.DataSource.class)), Duration.ofMinutes(10));
		return beirIds;
	}

	/** The tenant row that knowledge documents refer to. */
	static void createTenant(EvalContext context, TenantId tenant) {
		new JdbcTemplate(context.bean(javax.sql.DataSource.class)).update(
				"INSERT INTO tenant (id, slug, name, region, created_at) VALUES (?, ?, 'Evaluation', 'US', CURRENT_TIMESTAMP)",
				tenant.value(), "eval-" + tenant.value().toString().substring(0, 8));
	}

	/** A BEIR document as the Markdown file ingestion reads: {@code # title}, blank line, text. */
	static SourceDocument source(Beir.Document document) {
		var markdown = "# " + document.title() + "\n\n" + document.text() + "\n";
		return new SourceDocument("beir/" + document.id() + ".md", markdown.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Ingests the files of a knowledge folder (README files left out) as they are, front matter and all, for a new
	 * tenant; returns each file's path relative to the folder by knowledge document id.
	 */
	static Map<UUID, String> ingestFolder(EvalContext context, TenantId tenant, Path folder)
			throws IOException, InterruptedException {
		createTenant(context, tenant);
		var ingestion = context.bean(KnowledgeIngestion.class);
		var paths = new LinkedHashMap<UUID, String>();
		List<Path> files;
		try (var walk = Files.walk(folder)) {
			files = walk.filter(Files::isRegularFile)
				.filter(path -> !path.getFileName().toString().equalsIgnoreCase("README.md")
						&& !path.getFileName().toString().startsWith("."))
				.sorted()
				.toList();
		}
		for (var file : files) {
			var name = folder.relativize(file).toString().replace('\\', '/');
			var outcome = ingestion.ingest(tenant, new SourceDocument(name, Files.readAllBytes(file)));
			paths.put(outcome.documentId(), name);
		}
		awaitProjection(new JdbcTemplate(context.bean(javax.sql.DataSource.class)), Duration.ofMinutes(10));
		return paths;
	}

	/**
	 * Waits until every published event (DocumentIndexed, DocumentRemoved) has been handled by its listeners: the
	 * event publication registry marks each one completed when its listener returns.
	 */
	static void awaitProjection(JdbcTemplate jdbc, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (jdbc.queryForObject("SELECT count(*) FROM event_publication WHERE completion_date IS NULL",
				Integer.class) > 0) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("the search projection did not catch up within " + timeout);
			}
			Thread.sleep(2);
		}
	}
}
