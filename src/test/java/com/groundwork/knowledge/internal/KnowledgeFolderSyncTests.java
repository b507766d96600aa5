package com.groundwork.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.groundwork.identity.Tenants;
import com.groundwork.knowledge.DocumentRemoved;
import com.groundwork.knowledge.SourceDocument;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;

/** Folder sync: every supported file in, gone files out, bad files reported one by one. */
class KnowledgeFolderSyncTests extends KnowledgeIntegrationTest {

	private static final Logger log = LoggerFactory.getLogger(KnowledgeFolderSyncTests.class);

	@Autowired
	FolderSync sync;

	@Autowired
	DocumentRepository documents;

	@Autowired
	DocumentIngestion ingestion;

	@Autowired
	DocumentWriter writer;

	@Autowired
	Tenants tenants;

	@Autowired
	@Qualifier("applicationTaskExecutor")
	TaskExecutor executor;

	@BeforeEach
	void fillFolder() throws IOException {
		clearFolder();
		KnowledgeFixtures.copyTo(FOLDER);
		write("pricing/fleet.pdf", KnowledgeFixtures.pdf("Fleet pricing", Map.of("type", "pricing"),
				"Starter costs EUR 29 per vehicle and month.", "Fleet costs EUR 24 per vehicle and month."));
		write("cases/acme.docx", KnowledgeFixtures.docx("Acme case study", Map.of("type", "case-study"),
				"# Acme Logistics", "Acme cut fuel costs by 14% in six months.", "## Results", "Drivers liked the app."));
		write("images/logo.png", new byte[] { (byte) 0x89, 'P', 'N', 'G' });
		// 25 MB on paper, nothing on disk: refused by its size without being read
		try (var huge = new RandomAccessFile(Files.createDirectories(FOLDER.resolve("big")).resolve("huge.md").toFile(), "rw")) {
			huge.setLength(25L * 1024 * 1024);
		}
	}

	@Test
	void syncIngestsEverySupportedFileAndReportsEachBadOne() {
		var tenant = newTenant();

		var report = sync.sync(tenant);
		log.info("First sync of the fixture folder: {}", report);

		assertThat(report.indexed()).isEqualTo(5);
		assertThat(report.unchanged()).isZero();
		assertThat(report.removed()).isZero();
		assertThat(report.skipped()).isEqualTo(1);
		assertThat(report.failed()).isEqualTo(3);
		assertThat(report.errors()).extracting(SyncReport.FileError::source, SyncReport.FileError::reason)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("big/huge.md", "TOO_LARGE"),
					org.assertj.core.groups.Tuple.tuple("broken/bad-type.md", "INVALID_METADATA"),
					org.assertj.core.groups.Tuple.tuple("broken/not-really.pdf", "UNPARSABLE"));
		assertThat(report.errors()).allSatisfy(error -> assertThat(error.message()).startsWith(error.source() + ": "));

		var stored = documents.list(tenant);
		assertThat(stored).filteredOn(document -> document.status() == DocumentStatus.INDEXED)
			.extracting(StoredDocument::source)
			.containsExactly("cases/acme.docx", "faq/route-planner-faq.html", "notes.txt", "pricing/fleet.pdf",
					"product/route-planner.md");
		assertThat(stored).filteredOn(document -> document.status() == DocumentStatus.FAILED)
			.extracting(StoredDocument::source)
			.containsExactly("broken/bad-type.md", "broken/not-really.pdf");
		assertThat(stored).extracting(StoredDocument::source).doesNotContain("README.md", ".hidden/secret.md", "big/huge.md");
		assertThat(stored).allSatisfy(document -> assertThat(document.origin()).isEqualTo(Origin.FOLDER));
		assertThat(stored).filteredOn(document -> document.source().equals("cases/acme.docx"))
			.singleElement()
			.satisfies(document -> {
				assertThat(document.type()).isEqualTo("case-study");
				assertThat(document.title()).isEqualTo("Acme case study");
			});
	}

	@Test
	void aSecondSyncSkipsUnchangedFilesAndRemovesDocumentsWhoseFileIsGone() throws IOException {
		var tenant = newTenant();
		sync.sync(tenant);
		var upload = ingestion.ingest(tenant, new SourceDocument("uploaded.md", "# Uploaded\n\nKept.\n".getBytes(StandardCharsets.UTF_8)));

		var again = sync.sync(tenant);
		assertThat(again.unchanged()).isEqualTo(5);
		assertThat(again.indexed()).isZero();
		assertThat(again.removed()).isZero();

		var faq = documents.findBySource(tenant, "faq/route-planner-faq.html").orElseThrow();
		Files.delete(FOLDER.resolve("faq/route-planner-faq.html"));
		Files.writeString(FOLDER.resolve("notes.txt"), "Plain text notes, edited.\n\nA new paragraph.\n");

		var third = sync.sync(tenant);

		assertThat(third.indexed()).isEqualTo(1);
		assertThat(third.unchanged()).isEqualTo(3);
		assertThat(third.removed()).isEqualTo(1);
		assertThat(documents.findBySource(tenant, "faq/route-planner-faq.html")).isEmpty();
		assertThat(chunkIds(faq.id())).isEmpty();
		assertThat(documents.find(tenant, upload.documentId())).isPresent(); // uploads are not the folder's to remove
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(events.removed())
			.contains(new DocumentRemoved(tenant, faq.id(), "faq/route-planner-faq.html")));
	}

	@Test
	void aMissingFolderSyncsNothingAndRemovesNothing() {
		var tenant = newTenant();
		sync.sync(tenant);
		int before = documents.list(tenant).size();
		var settings = new KnowledgeSettings(FOLDER.resolve("does-not-exist"), false,
				org.springframework.util.unit.DataSize.ofMegabytes(20), Duration.ofSeconds(30), 1, 5_000_000,
				new KnowledgeSettings.Chunk(256, 400, 32), KnowledgeTestSettings.ALLOWED);
		var misconfigured = new FolderSync(settings, ingestion, documents, writer);

		assertThatThrownBy(() -> misconfigured.sync(tenant)).isInstanceOf(KnowledgeFolderUnavailableException.class)
			.hasMessageContaining("does not exist");
		assertThat(documents.list(tenant)).hasSize(before);
	}

	@Test
	void atStartTheFolderIsIngestedForEveryTenantInTheBackground() {
		// only the demo tenants, so nothing runs on in the background once they are done
		Tenants demoTenants = () -> tenants.all().stream().filter(t -> t.slug().equals("acme") || t.slug().equals("globex")).toList();
		var startup = new StartupSync(sync, demoTenants, executor, KnowledgeTestSettings.defaults(), true);
		long started = System.nanoTime();

		startup.syncInBackground();

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1)); // not blocking
		for (var slug : java.util.List.of("acme", "globex")) {
			await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(documents.list(tenant(slug)))
				.filteredOn(document -> document.status() == DocumentStatus.INDEXED)
				.extracting(StoredDocument::source)
				.contains("product/route-planner.md", "faq/route-planner-faq.html"));
		}
	}

	@Test
	void sourcesUseForwardSlashes() {
		assertThat(FolderSync.sourceOf(Path.of("/k"), Path.of("/k/a/b/c.md"))).isEqualTo("a/b/c.md");
	}

	private static void write(String source, byte[] content) throws IOException {
		var file = FOLDER.resolve(source);
		Files.createDirectories(file.getParent());
		Files.write(file, content);
	}
}
