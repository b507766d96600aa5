package com.groundwork.knowledge.internal;

import com.groundwork.identity.TenantId;
import com.groundwork.knowledge.KnowledgeChange;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code knowledge_change} table: written with each chunk swap, read by the search projections' followers. */
@Repository
class KnowledgeChangeLog {

	/** Long enough for an instance down over a weekend to catch up; older entries are pruned as new ones arrive. */
	static final Duration RETENTION = Duration.ofDays(7);

	private final JdbcClient jdbc;

	private final Clock clock;

	KnowledgeChangeLog(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	private final AtomicLong recorded = new AtomicLong();

	/** In the caller's transaction, with the chunk change it records; every 500th also prunes expired entries. */
	void record(TenantId tenant, UUID documentId) {
		var now = OffsetDateTime.now(clock);
		jdbc.sql("INSERT INTO knowledge_change (tenant_id, document_id, changed_at) VALUES (?, ?, ?)")
			.params(tenant.value(), documentId, now)
			.update();
		if (recorded.incrementAndGet() % 500 == 0) {
			prune();
		}
	}

	List<KnowledgeChange> since(long sequence, int limit) {
		return jdbc.sql("SELECT seq, tenant_id, document_id FROM knowledge_change WHERE seq > ? ORDER BY seq")
			.param(sequence)
			.query((rs, row) -> new KnowledgeChange(rs.getLong("seq"), new TenantId(rs.getObject("tenant_id", UUID.class)),
					rs.getObject("document_id", UUID.class)))
			.stream()
			.limit(limit)
			.toList();
	}

	long latest() {
		Long latest = jdbc.sql("SELECT COALESCE(MAX(seq), 0) FROM knowledge_change").query(Long.class).single();
		return latest == null ? 0 : latest;
	}

	int prune() {
		return jdbc.sql("DELETE FROM knowledge_change WHERE changed_at < ?")
			.param(OffsetDateTime.now(clock).minus(RETENTION))
			.update();
	}
}
