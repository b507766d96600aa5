package com.groundwork.audit;

import com.groundwork.audit.internal.ChainVerifier;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Verification straight from a database connection, without the application running: what the {@code audit-verify}
 * command uses (the service holds the embedded database's lock; PostgreSQL can be checked while it runs).
 */
public final class AuditChains {

	private AuditChains() {
	}

	/**
	 * Verifies every tenant's chain, or only the tenant with this slug.
	 * @return tenant slug → verification, ordered by slug
	 */
	public static Map<String, ChainVerification> verify(Connection connection, @Nullable String tenantSlug)
			throws SQLException {
		return ChainVerifier.verifyAll(connection, tenantSlug);
	}
}
