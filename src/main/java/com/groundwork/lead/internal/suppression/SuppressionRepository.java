package com.groundwork.lead.internal.suppression;

import com.groundwork.identity.TenantId;
import com.groundwork.lead.LeadNotFoundException;
import com.groundwork.lead.Suppressions;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The suppression list, by tenant and address hash. */
@Repository
class SuppressionRepository implements Suppressions {

	private final JdbcClient jdbc;
	private final Clock clock;

	SuppressionRepository(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** A page of the tenant's list, newest first. */
	java.util.List<Entry> list(TenantId tenant, int page, int size) {
		return jdbc.sql("SELECT email_hash, reason, source, created_at FROM suppression WHERE tenant_id = ? "
				+ "ORDER BY created_at DESC, email_hash LIMIT ? OFFSET ?")
			.params(tenant.value(), size, (long) page * size)
			.query((rs, n) -> new Entry(rs.getString("email_hash").strip(), rs.getString("reason"), rs.getString("source"),
					rs.getObject("created_at", OffsetDateTime.class)))
			.list();
	}

	long count(TenantId tenant) {
		return jdbc.sql("SELECT COUNT(*) FROM suppression WHERE tenant_id = ?").param(tenant.value()).query(Long.class).single();
	}

	/** One entry of the list: the address's hash, never the address. */
	record Entry(String emailHash, String reason, String source, OffsetDateTime createdAt) {
	}

	@Override
	public boolean isSuppressed(TenantId tenant, String email) {
		if (email.isBlank()) {
			return false;
		}
		return jdbc.sql("SELECT COUNT(*) FROM suppression WHERE tenant_id = ? AND email_hash = ?")
			.params(tenant.value(), EmailHashes.hash(email))
			.query(Long.class)
			.single() > 0;
	}

	@Override
	public boolean isLeadSuppressed(TenantId tenant, String externalId) {
		// The address is encrypted at rest: it is compared by its hash (a row from before encryption has none yet,
		// and its address in clear until the key rotation encrypts it).
		var hash = jdbc.sql("SELECT email, email_hash FROM lead WHERE tenant_id = ? AND external_id = ?")
			.params(tenant.value(), externalId)
			.query((rs, n) -> rs.getString("email_hash") != null ? rs.getString("email_hash").strip()
					: EmailHashes.hash(rs.getString("email")))
			.optional()
			.orElseThrow(() -> new LeadNotFoundException(externalId));
		return jdbc.sql("SELECT COUNT(*) FROM suppression WHERE tenant_id = ? AND email_hash = ?")
			.params(tenant.value(), hash)
			.query(Long.class)
			.single() > 0;
	}

	@Override
	public boolean suppress(TenantId tenant, String email, String reason, String source) {
		if (email.isBlank() || reason.isBlank() || source.isBlank()) {
			throw new IllegalArgumentException("a suppression needs an address, a reason and a source");
		}
		// ON CONFLICT DO NOTHING: concurrent adds of one address neither fail nor abort the caller's transaction.
		return jdbc.sql("""
				INSERT INTO suppression (tenant_id, email_hash, reason, source, created_at) VALUES (?, ?, ?, ?, ?)
				ON CONFLICT DO NOTHING""")
			.params(tenant.value(), EmailHashes.hash(email), reason, source.length() > 200 ? source.substring(0, 200) : source,
					OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
			.update() == 1;
	}
}
