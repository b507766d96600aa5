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
		var email = jdbc.sql("SELECT email FROM lead WHERE tenant_id = ? AND external_id = ?")
			.params(tenant.value(), externalId)
			.query(String.class)
			.optional()
			.orElseThrow(() -> new LeadNotFoundException(externalId));
		return isSuppressed(tenant, email);
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
