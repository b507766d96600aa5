package com.groundwork.knowledge.internal;

import java.time.Clock;
import java.time.OffsetDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * At start-up, before the service takes requests: a document still INDEXING was being ingested when the previous
 * process stopped. Its chunks are intact (the chunk swap is one transaction), so it gets back the status it really
 * has (INDEXED with its earlier chunks, or FAILED) and a note why; folder documents are re-ingested by the next sync.
 */
@Component
class InterruptedIndexingRecovery implements SmartInitializingSingleton {

	static final String REASON = "Indexing was interrupted because the service stopped; sync the folder or upload the "
			+ "document again";

	private static final Logger log = LoggerFactory.getLogger(InterruptedIndexingRecovery.class);

	private final DocumentRepository documents;

	private final Clock clock;

	InterruptedIndexingRecovery(DocumentRepository documents, Clock clock) {
		this.documents = documents;
		this.clock = clock;
	}

	@Override
	public void afterSingletonsInstantiated() {
		recover();
	}

	int recover() {
		int recovered = documents.recoverInterrupted(REASON, OffsetDateTime.now(clock));
		if (recovered > 0) {
			log.warn("{} knowledge document(s) were left INDEXING by the previous run; marked as interrupted", recovered);
		}
		return recovered;
	}
}
