package com.groundwork.audit.internal;

import com.groundwork.audit.ChainVerification;
import com.groundwork.identity.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Audit entries, heads and anchors; every method takes the tenant it works in. */
@Repository
class AuditRepository {

	private final JdbcClient jdbc;
	private final JdbcTemplate template;

	AuditRepository(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	/** The tenant's head, locked until the transaction ends, created at position 0 on first use. */
	Head lockHead(TenantId tenant) {
		var head = jdbc.sql("SELECT seq, hash FROM audit_head WHERE tenant_id = ? FOR UPDATE")
			.param(tenant.value())
			.query((rs, row) -> new Head(rs.getLong("seq"), rs.getString("hash").strip()))
			.optional();
		if (head.isPresent()) {
			return head.get();
		}
		jdbc.sql("INSERT INTO audit_head (tenant_id, seq, hash) VALUES (?, 0, ?) ON CONFLICT DO NOTHING")
			.params(tenant.value(), CanonicalJson.ZERO_HASH)
			.update();
		return lockHead(tenant);
	}

	/** Inserts chained entries of one tenant, in order, and moves its head (locked by the caller) to the last. */
	void append(List<AuditEntry> chained) {
		for (var entry : chained) {
			jdbc.sql("INSERT INTO audit_event (" + AuditEntry.COLUMNS
					+ ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
				.params(entry.id(), entry.tenantId(), entry.seq(), entry.occurredAt().atOffset(ZoneOffset.UTC),
						entry.actorKind(), entry.actor(), entry.action(), entry.targetType(), entry.targetId(),
						entry.requestId(), entry.subjectRef(), entry.details(), entry.detailsHash(), entry.prevHash(),
						entry.hash(), null)
				.update();
		}
		var last = chained.getLast();
		jdbc.sql("UPDATE audit_head SET seq = ?, hash = ? WHERE tenant_id = ?")
			.params(last.seq(), last.hash(), last.tenantId())
			.update();
	}

	ChainVerification verify(TenantId tenant) {
		return template.execute((ConnectionCallback<ChainVerification>) connection -> ChainVerifier.verify(connection,
				tenant.value()));
	}

	Optional<AuditEntry> find(TenantId tenant, UUID id) {
		return jdbc.sql("SELECT " + AuditEntry.COLUMNS + " FROM audit_event WHERE tenant_id = ? AND id = ?")
			.params(tenant.value(), id)
			.query(AuditRepository::entry)
			.optional();
	}

	/** A page of entries matching the filter, newest first. */
	List<AuditEntry> page(TenantId tenant, AuditFilter filter, int page, int size) {
		var where = filter.where(tenant);
		var params = new ArrayList<>(where.params());
		params.add(size);
		params.add((long) page * size);
		return jdbc.sql("SELECT " + AuditEntry.COLUMNS + " FROM audit_event WHERE " + where.sql()
				+ " ORDER BY seq DESC LIMIT ? OFFSET ?")
			.params(params)
			.query(AuditRepository::entry)
			.list();
	}

	long count(TenantId tenant, AuditFilter filter) {
		var where = filter.where(tenant);
		return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE " + where.sql())
			.params(where.params())
			.query(Long.class)
			.single();
	}

	/** Every matching entry, oldest first, one at a time (for exports of any size). */
	void stream(TenantId tenant, AuditFilter filter, Consumer<AuditEntry> sink) {
		var where = filter.where(tenant);
		template.query(con -> {
			var statement = con.prepareStatement("SELECT " + AuditEntry.COLUMNS + " FROM audit_event WHERE "
					+ where.sql() + " ORDER BY seq");
			statement.setFetchSize(500);
			for (int i = 0; i < where.params().size(); i++) {
				statement.setObject(i + 1, where.params().get(i));
			}
			return statement;
		}, rs -> {
			sink.accept(AuditEntry.read(rs));
		});
	}

	List<AuditEntry> aboutSubjects(TenantId tenant, Collection<String> subjectRefs) {
		if (subjectRefs.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("SELECT " + AuditEntry.COLUMNS + " FROM audit_event WHERE tenant_id = :tenant "
				+ "AND subject_ref IN (:refs) ORDER BY seq")
			.param("tenant", tenant.value())
			.param("refs", subjectRefs)
			.query(AuditRepository::entry)
			.list();
	}

	/** Replaces the details of the subject's entries by a tombstone; the hashed columns stay, so the chain verifies. */
	int tombstone(TenantId tenant, Collection<String> subjectRefs, String tombstone, Instant at) {
		if (subjectRefs.isEmpty()) {
			return 0;
		}
		return jdbc.sql("UPDATE audit_event SET details = :tombstone, erased_at = :at WHERE tenant_id = :tenant "
				+ "AND subject_ref IN (:refs) AND erased_at IS NULL")
			.param("tombstone", tombstone)
			.param("at", at.atOffset(ZoneOffset.UTC))
			.param("tenant", tenant.value())
			.param("refs", subjectRefs)
			.update();
	}

	/** The newest entry older than {@code before}, if any: what retention prunes up to. */
	Optional<AuditEntry> lastBefore(TenantId tenant, Instant before) {
		return jdbc.sql("SELECT " + AuditEntry.COLUMNS + " FROM audit_event WHERE tenant_id = ? AND occurred_at < ? "
				+ "ORDER BY seq DESC LIMIT 1")
			.params(tenant.value(), before.atOffset(ZoneOffset.UTC))
			.query(AuditRepository::entry)
			.optional();
	}

	/** Removes the tenant's entries up to {@code last} and moves its anchor there, in the caller's transaction. */
	int prune(TenantId tenant, AuditEntry last, Instant at) {
		int removed = jdbc.sql("DELETE FROM audit_event WHERE tenant_id = ? AND seq <= ?")
			.params(tenant.value(), last.seq())
			.update();
		int moved = jdbc.sql("UPDATE audit_anchor SET seq = ?, hash = ?, pruned_at = ? WHERE tenant_id = ? AND seq < ?")
			.params(last.seq(), last.hash(), at.atOffset(ZoneOffset.UTC), tenant.value(), last.seq())
			.update();
		if (moved == 0) {
			jdbc.sql("INSERT INTO audit_anchor (tenant_id, seq, hash, pruned_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
				.params(tenant.value(), last.seq(), last.hash(), at.atOffset(ZoneOffset.UTC))
				.update();
		}
		return removed;
	}

	private static AuditEntry entry(ResultSet rs, int row) throws SQLException {
		return AuditEntry.read(rs);
	}

	record Head(long seq, String hash) {
	}
}
