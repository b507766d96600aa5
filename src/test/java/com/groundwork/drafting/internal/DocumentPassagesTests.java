package com.groundwork.drafting.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.groundwork.identity.TenantId;
import com.groundwork.knowledge.DocumentIndexed;
import com.groundwork.knowledge.DocumentRemoved;
import com.groundwork.knowledge.KnowledgeChunk;
import com.groundwork.knowledge.KnowledgeChunks;
import com.groundwork.knowledge.PassageMetadata;
import com.groundwork.search.Passage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** A chosen document read whole once, and again when the knowledge says it changed or a search shows it did. */
class DocumentPassagesTests {

	private final TenantId tenant = new TenantId(UUID.randomUUID());

	private final UUID document = UUID.randomUUID();

	private final List<KnowledgeChunk> stored = new ArrayList<>();

	private final AtomicInteger reads = new AtomicInteger();

	/** The knowledge as a list: the stand-in the interface's own default methods allow. */
	private final KnowledgeChunks knowledge = new KnowledgeChunks() {

		@Override
		public List<KnowledgeChunk> chunksOf(TenantId of, UUID documentId) {
			reads.incrementAndGet();
			return stored.stream().filter(chunk -> chunk.documentId().equals(documentId)).toList();
		}

		@Override
		public void forEachChunk(Consumer<KnowledgeChunk> consumer) {
			stored.forEach(consumer);
		}
	};

	@Test
	void aDocumentIsReadOnceUntilItChanges() {
		stored.add(chunk("a", "First passage."));
		stored.add(chunk("b", "Second passage."));
		var passages = new DocumentPassages(knowledge);

		var first = passages.of(tenant, document, List.of(passage(stored.getFirst())));
		assertThat(first).extracting(Passage::text).containsExactly("First passage.", "Second passage.");
		passages.of(tenant, document, List.of(passage(stored.get(1))));
		assertThat(reads).as("kept").hasValue(1);

		// indexed again: a search finds a passage the kept copy does not know
		stored.set(1, chunk("b", "Second passage, revised."));
		assertThat(passages.of(tenant, document, List.of(passage(stored.get(1)))))
			.extracting(Passage::text).contains("Second passage, revised.");
		assertThat(reads).hasValue(2);

		// the knowledge's events drop it too
		passages.on(new DocumentIndexed(tenant, document, "a.md", "hash", 2));
		passages.of(tenant, document, List.of());
		assertThat(reads).hasValue(3);
		passages.on(new DocumentRemoved(tenant, document, "a.md"));
		passages.of(tenant, document, List.of());
		assertThat(reads).hasValue(4);
	}

	private KnowledgeChunk chunk(String key, String text) {
		return new KnowledgeChunk(UUID.nameUUIDFromBytes(key.getBytes()), document, tenant, stored.size(), "Title", "Title",
				text, new PassageMetadata("case-study", "", "", "", "en"), new float[384], PromptRegistry.sha256(text));
	}

	private static Passage passage(KnowledgeChunk chunk) {
		return new Passage(chunk.documentId(), chunk.chunkId(), chunk.documentTitle(), chunk.headingPath(), chunk.text(),
				"", chunk.contentHash(), chunk.metadata(), Optional.empty(), Optional.empty(), 1);
	}
}
