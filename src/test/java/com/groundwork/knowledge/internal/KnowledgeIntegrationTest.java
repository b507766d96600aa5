package com.groundwork.knowledge.internal;

import com.groundwork.identity.TenantId;
import com.groundwork.knowledge.DocumentIndexed;
import com.groundwork.knowledge.DocumentRemoved;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * One application context for the knowledge integration tests: H2 and the knowledge folder in temporary directories,
 * the demo tenants and keys seeded, no sync at start. Tests that need isolation create their own tenant.
 */
@SpringBootTest(properties = { "groundwork.demo.enabled=true", "groundwork.knowledge.sync-on-start=false" })
@AutoConfigureMockMvc
@Import(KnowledgeIntegrationTest.EventRecorder.class)
abstract class KnowledgeIntegrationTest {

	static final Path DATA = temporaryDirectory("groundwork-knowledge-data");

	static final Path FOLDER = temporaryDirectory("groundwork-knowledge-folder");

	@Autowired
	JdbcClient jdbc;

	@Autowired
	EventRecorder events;

	@DynamicPropertySource
	static void directories(DynamicPropertyRegistry registry) {
		registry.add("groundwork.data-dir", DATA::toString);
		registry.add("groundwork.knowledge.folder", FOLDER::toString);
	}

	/** A fresh tenant, so a test sees only its own documents. */
	TenantId newTenant() {
		var id = UUID.randomUUID();
		jdbc.sql("INSERT INTO tenant (id, slug, name, region, created_at) VALUES (?, ?, ?, 'US', ?)")
			.params(id, "t-" + id.toString().substring(0, 8), "Test tenant", OffsetDateTime.now())
			.update();
		return new TenantId(id);
	}

	TenantId tenant(String slug) {
		return new TenantId(jdbc.sql("SELECT id FROM tenant WHERE slug = ?").param(slug).query(UUID.class).single());
	}

	List<UUID> chunkIds(UUID documentId) {
		return jdbc.sql("SELECT id FROM knowledge_chunk WHERE document_id = ? ORDER BY ordinal")
			.param(documentId)
			.query(UUID.class)
			.list();
	}

	/** Empties the knowledge folder. */
	static void clearFolder() {
		try {
			FileSystemUtils.deleteRecursively(FOLDER);
			Files.createDirectories(FOLDER);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path temporaryDirectory(String prefix) {
		try {
			var directory = Files.createTempDirectory(prefix);
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					FileSystemUtils.deleteRecursively(directory);
				}
				catch (IOException ex) {
					// best effort: the directory is in the system's temporary folder
				}
			}));
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Listens to the knowledge events the way the search module does (after commit, through the event publication
	 * registry), and can simulate a crash inside the write transaction.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class EventRecorder {

		// Reached through methods only: the listeners make this bean a proxy.
		private final List<DocumentIndexed> indexed = new CopyOnWriteArrayList<>();

		private final List<DocumentRemoved> removed = new CopyOnWriteArrayList<>();

		private final AtomicBoolean crashNextWrite = new AtomicBoolean();

		@ApplicationModuleListener
		void on(DocumentIndexed event) {
			indexed.add(event);
		}

		@ApplicationModuleListener
		void on(DocumentRemoved event) {
			removed.add(event);
		}

		/** Runs inside the write transaction, after the old chunks were deleted and the new ones inserted. */
		@EventListener
		void crashIfAsked(DocumentIndexed event) {
			if (crashNextWrite.getAndSet(false)) {
				throw new IllegalStateException("simulated crash inside the write transaction");
			}
		}

		List<DocumentIndexed> indexedFor(UUID documentId) {
			return indexed.stream().filter(event -> event.documentId().equals(documentId)).toList();
		}

		List<DocumentRemoved> removed() {
			return List.copyOf(removed);
		}

		void crashNextWrite() {
			crashNextWrite.set(true);
		}
	}
}
