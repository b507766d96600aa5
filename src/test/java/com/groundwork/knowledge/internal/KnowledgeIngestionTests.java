package com.groundwork.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.groundwork.knowledge.DocumentIndexed;
import com.groundwork.knowledge.DocumentRemoved;
import com.groundwork.knowledge.KnowledgeChunk;
import com.groundwork.knowledge.KnowledgeChunks;
import com.groundwork.knowledge.KnowledgeIngestion;
import com.groundwork.knowledge.KnowledgeIngestion.IngestionOutcome;
import com.groundwork.knowledge.KnowledgeIngestion.IngestionOutcome.Status;
import com.groundwork.knowledge.SourceDocument;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Ingestion against the real database, Tika and embedding model: incremental, atomic, evented, recoverable. */
class KnowledgeIngestionTests extends KnowledgeIntegrationTest {

	private static final String V1 = """
			---
			title: Dispatch guide
			type: product-doc
			product: Route Planner
			---
			# Dispatch guide

			## Locking routes

			A dispatcher can lock a route. Re-planning then leaves it alone.

			## Night shifts

			Night shifts start at 22:00. Drivers get their routes at 21:30.
			""";

	private static final String V2 = V1.replace("Night shifts start at 22:00.", "Night shifts start at 23:00.");

	@Autowired
	KnowledgeIngestion ingestion;

	@Autowired
	KnowledgeChunks chunks;

	@Autowired
	DocumentRepository documents;

	@Autowired
	DocumentWriter writer;

	@Autowired
	InterruptedIndexingRecovery recovery;

	@Autowired
	MeterRegistry meters;

	@Test
	void indexesADocumentAndAnnouncesItAfterCommit() {
		var tenant = newTenant();

		var outcome = ingestion.ingest(tenant, document("guides/dispatch.md", V1));

		assertThat(outcome.status()).isEqualTo(Status.INDEXED);
		assertThat(outcome.chunks()).isEqualTo(2);
		var stored = documents.find(tenant, outcome.documentId()).orElseThrow();
		assertThat(stored.status()).isEqualTo(DocumentStatus.INDEXED);
		assertThat(stored.title()).isEqualTo("Dispatch guide");
		assertThat(stored.type()).isEqualTo("product-doc");
		assertThat(stored.product()).isEqualTo("route-planner");
		assertThat(stored.mediaType()).isEqualTo("text/markdown");
		assertThat(stored.chunkCount()).isEqualTo(2);
		assertThat(stored.contentHash()).isEqualTo(Hashes.sha256(V1.getBytes(StandardCharsets.UTF_8)));
		assertThat(stored.indexedAt()).isNotNull();

		var read = chunks.chunksOf(tenant, outcome.documentId());
		assertThat(read).extracting(KnowledgeChunk::headingPath)
			.containsExactly("Dispatch guide › Locking routes", "Dispatch guide › Night shifts");
		assertThat(read).extracting(KnowledgeChunk::text)
			.containsExactly("A dispatcher can lock a route. Re-planning then leaves it alone.",
					"Night shifts start at 22:00. Drivers get their routes at 21:30.");
		assertThat(read).allSatisfy(chunk -> {
			assertThat(chunk.tenant()).isEqualTo(tenant);
			assertThat(chunk.documentTitle()).isEqualTo("Dispatch guide");
			assertThat(chunk.metadata().type()).isEqualTo("product-doc");
			assertThat(chunk.embedding()).hasSize(384);
			assertThat(norm(chunk.embedding())).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.01));
			assertThat(chunk.contentHash()).isEqualTo(Hashes.sha256(chunk.text()));
		});

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(events.indexedFor(outcome.documentId()))
			.containsExactly(new DocumentIndexed(tenant, outcome.documentId(), "guides/dispatch.md", stored.contentHash(), 2)));
		await().atMost(Duration.ofSeconds(10)).until(() -> incompletePublications(stored.contentHash()) == 0);
		// completed publications are deleted: the registry does not grow with every event
		await().atMost(Duration.ofSeconds(10)).until(() -> publications(stored.contentHash()) == 0);
	}

	@Test
	void unchangedContentIsNeitherParsedNorEmbeddedAgain() {
		var tenant = newTenant();
		var first = ingestion.ingest(tenant, document("guides/dispatch.md", V1));
		var idsBefore = chunkIds(first.documentId());
		double embeddedBefore = embedded();

		var second = ingestion.ingest(tenant, document("guides/dispatch.md", V1));

		assertThat(second.status()).isEqualTo(Status.UNCHANGED);
		assertThat(second.documentId()).isEqualTo(first.documentId());
		assertThat(embedded()).isEqualTo(embeddedBefore);
		assertThat(chunkIds(first.documentId())).isEqualTo(idsBefore);
		await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(events.indexedFor(first.documentId())).hasSize(1));
	}

	@Test
	void changedContentReplacesItsChunksAndReEmbedsOnlyWhatChanged() {
		var tenant = newTenant();
		var first = ingestion.ingest(tenant, document("guides/dispatch.md", V1));
		var idsBefore = chunkIds(first.documentId());
		double embeddedBefore = embedded();

		var second = ingestion.ingest(tenant, document("guides/dispatch.md", V2));

		assertThat(second.status()).isEqualTo(Status.INDEXED);
		assertThat(second.documentId()).isEqualTo(first.documentId());
		var idsAfter = chunkIds(first.documentId());
		assertThat(idsAfter).hasSize(2);
		assertThat(idsAfter.get(0)).isEqualTo(idsBefore.get(0)); // the unchanged section keeps its id
		assertThat(idsAfter.get(1)).isNotEqualTo(idsBefore.get(1));
		assertThat(embedded() - embeddedBefore).isEqualTo(1.0); // only the changed section was embedded
		assertThat(chunks.chunksOf(tenant, first.documentId())).extracting(KnowledgeChunk::text)
			.contains("Night shifts start at 23:00. Drivers get their routes at 21:30.")
			.noneMatch(text -> text.contains("22:00"));
		var newHash = Hashes.sha256(V2.getBytes(StandardCharsets.UTF_8));
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(events.indexedFor(first.documentId()))
			.extracting(DocumentIndexed::contentHash)
			.containsExactly(Hashes.sha256(V1.getBytes(StandardCharsets.UTF_8)), newHash));
	}

	@Test
	void deletingADocumentRemovesItsChunksAndAnnouncesIt() {
		var tenant = newTenant();
		var outcome = ingestion.ingest(tenant, document("guides/dispatch.md", V1));

		var removed = writer.remove(tenant, outcome.documentId());

		assertThat(removed).isPresent();
		assertThat(documents.find(tenant, outcome.documentId())).isEmpty();
		assertThat(chunkIds(outcome.documentId())).isEmpty();
		assertThat(chunks.chunksOf(tenant, outcome.documentId())).isEmpty();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(events.removed())
			.contains(new DocumentRemoved(tenant, outcome.documentId(), "guides/dispatch.md")));
	}

	@Test
	void aCrashInsideTheWriteTransactionLeavesTheOldChunksAndAnnouncesNothing() {
		var tenant = newTenant();
		var first = ingestion.ingest(tenant, document("guides/dispatch.md", V1));
		var idsBefore = chunkIds(first.documentId());
		var textsBefore = chunks.chunksOf(tenant, first.documentId()).stream().map(KnowledgeChunk::text).toList();
		var v2Hash = Hashes.sha256(V2.getBytes(StandardCharsets.UTF_8));

		events.crashNextWrite();
		assertThatThrownBy(() -> ingestion.ingest(tenant, document("guides/dispatch.md", V2)))
			.hasMessageContaining("simulated crash");

		assertThat(chunkIds(first.documentId())).isEqualTo(idsBefore);
		assertThat(chunks.chunksOf(tenant, first.documentId())).extracting(KnowledgeChunk::text).isEqualTo(textsBefore);
		var stored = documents.find(tenant, first.documentId()).orElseThrow();
		assertThat(stored.contentHash()).isEqualTo(Hashes.sha256(V1.getBytes(StandardCharsets.UTF_8)));
		assertThat(stored.status()).isEqualTo(DocumentStatus.INDEXED); // still serving the earlier version
		assertThat(stored.error()).contains("indexing failed");
		assertThat(publications(v2Hash)).isZero();
		await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
				events.indexedFor(first.documentId())).extracting(DocumentIndexed::contentHash).doesNotContain(v2Hash));

		// the next ingest of the same content goes through: nothing was left half-written
		assertThat(ingestion.ingest(tenant, document("guides/dispatch.md", V2)).status()).isEqualTo(Status.INDEXED);
		assertThat(documents.find(tenant, first.documentId()).orElseThrow().error()).isNull();
	}

	@Test
	void documentsLeftIndexingByAStoppedProcessAreRecovered() {
		var tenant = newTenant();
		var indexed = ingestion.ingest(tenant, document("guides/dispatch.md", V1));
		var chunksBefore = chunkIds(indexed.documentId());
		// the state a crash leaves behind: one re-index and one first index that never finished
		jdbc.sql("UPDATE knowledge_document SET status = 'INDEXING' WHERE id = ?").param(indexed.documentId()).update();
		var neverIndexed = UUID.randomUUID();
		documents.insertIndexing(tenant, neverIndexed, "guides/new.md", Origin.UPLOAD, "0".repeat(64), "0".repeat(64), 10,
				OffsetDateTime.now());

		assertThat(recovery.recover()).isGreaterThanOrEqualTo(2);

		var reindexed = documents.find(tenant, indexed.documentId()).orElseThrow();
		assertThat(reindexed.status()).isEqualTo(DocumentStatus.INDEXED);
		assertThat(reindexed.error()).isEqualTo(InterruptedIndexingRecovery.REASON);
		assertThat(chunkIds(indexed.documentId())).isEqualTo(chunksBefore);
		var failed = documents.find(tenant, neverIndexed).orElseThrow();
		assertThat(failed.status()).isEqualTo(DocumentStatus.FAILED);
		assertThat(failed.error()).isEqualTo(InterruptedIndexingRecovery.REASON);
		// the interrupted document is re-ingested when it comes again, although its bytes are the same
		assertThat(ingestion.ingest(tenant, document("guides/new.md", "# New\n\nText.\n")).status()).isEqualTo(Status.INDEXED);
	}

	@Test
	void aRejectedFirstVersionIsRecordedAsFailed() {
		var tenant = newTenant();

		assertThatThrownBy(() -> ingestion.ingest(tenant, document("broken/bad-type.md",
				new String(KnowledgeFixtures.read("broken/bad-type.md"), StandardCharsets.UTF_8))));

		var failed = documents.findBySource(tenant, "broken/bad-type.md").orElseThrow();
		assertThat(failed.status()).isEqualTo(DocumentStatus.FAILED);
		assertThat(failed.chunkCount()).isZero();
		assertThat(failed.error()).contains("'type'", "'blog'");
	}

	@Test
	void aBatchStoresWhatOneByOneIngestionStoresAndEndsEachDocumentOnItsOwn() {
		var alone = newTenant();
		var batched = newTenant();
		var other = "# Routes\n\nA route is a sequence of stops.\n\n## Stops\n\nEach stop has a time window.\n";
		var single = ingestion.ingest(alone, document("guides/dispatch.md", V1));
		var singleOther = ingestion.ingest(alone, document("guides/routes.md", other));
		ingestion.ingest(batched, document("guides/routes.md", other)); // unchanged when the batch comes

		var outcomes = new ArrayList<IngestionOutcome>();
		var failures = new ArrayList<String>();
		((DocumentIngestion) ingestion).ingestAll(batched, java.util.List.of(document("guides/dispatch.md", V1),
				document("broken/bad-type.md", new String(KnowledgeFixtures.read("broken/bad-type.md"), StandardCharsets.UTF_8)),
				document("guides/routes.md", other)), Origin.UPLOAD, (source, outcome, failure) -> {
					if (outcome != null) {
						outcomes.add(outcome);
					}
					else {
						failures.add(source.source() + ": " + failure.getMessage());
					}
				});

		assertThat(outcomes).extracting(IngestionOutcome::source, IngestionOutcome::status)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("guides/dispatch.md", Status.INDEXED),
					org.assertj.core.groups.Tuple.tuple("guides/routes.md", Status.UNCHANGED));
		assertThat(failures).singleElement().asString().startsWith("broken/bad-type.md: ").contains("'blog'");
		assertThat(documents.findBySource(batched, "broken/bad-type.md").orElseThrow().status())
			.isEqualTo(DocumentStatus.FAILED);
		// the same chunks with the same vectors as ingested alone
		var expected = chunks.chunksOf(alone, single.documentId());
		var actual = chunks.chunksOf(batched, outcomes.getFirst().documentId());
		assertThat(actual).extracting(KnowledgeChunk::headingPath, KnowledgeChunk::text)
			.isEqualTo(expected.stream().map(chunk -> org.assertj.core.groups.Tuple.tuple(chunk.headingPath(), chunk.text())).toList());
		for (int i = 0; i < expected.size(); i++) {
			assertThat(actual.get(i).embedding()).containsExactly(expected.get(i).embedding());
		}
		assertThat(chunks.chunksOf(batched, outcomes.get(1).documentId())).extracting(KnowledgeChunk::text)
			.isEqualTo(chunks.chunksOf(alone, singleOther.documentId()).stream().map(KnowledgeChunk::text).toList());
		var indexedId = outcomes.getFirst().documentId();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(events.indexedFor(indexedId)).hasSize(1));
		assertThatThrownBy(() -> ingestion.ingestAll(batched,
				java.util.List.of(document("guides/a.md", V1), document("guides/a.md", V2))))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void everyChunkCanBeStreamed() {
		var tenant = newTenant();
		ingestion.ingest(tenant, document("guides/dispatch.md", V1));
		int total = jdbc.sql("SELECT COUNT(*) FROM knowledge_chunk").query(Integer.class).single();

		var streamed = new ArrayList<KnowledgeChunk>();
		chunks.forEachChunk(streamed::add);

		assertThat(streamed).hasSize(total);
		assertThat(streamed).filteredOn(chunk -> chunk.tenant().equals(tenant)).hasSize(2);
		assertThat(streamed).allSatisfy(chunk -> assertThat(chunk.embedding()).hasSize(384));
	}

	private double embedded() {
		return meters.counter("groundwork.knowledge.passages", "embedding", "computed").count();
	}

	private int publications(String contentHash) {
		return jdbc.sql("SELECT COUNT(*) FROM event_publication WHERE serialized_event LIKE ?")
			.param("%" + contentHash + "%")
			.query(Integer.class)
			.single();
	}

	private int incompletePublications(String contentHash) {
		return jdbc.sql("SELECT COUNT(*) FROM event_publication WHERE serialized_event LIKE ? AND completion_date IS NULL")
			.param("%" + contentHash + "%")
			.query(Integer.class)
			.single();
	}

	private static SourceDocument document(String source, String text) {
		return new SourceDocument(source, text.getBytes(StandardCharsets.UTF_8));
	}

	private static double norm(float[] vector) {
		double sum = 0;
		for (float value : vector) {
			sum += value * value;
		}
		return Math.sqrt(sum);
	}
}
