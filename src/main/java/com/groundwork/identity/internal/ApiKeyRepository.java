package com.groundwork.identity.internal;

import com.groundwork.identity.CurrentActor;
import com.groundwork.identity.Role;
import com.groundwork.identity.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * API keys, stored by hash. Admin reads and revocations are scoped to the current actor's tenant; authentication
 * looks a key up by its hash across tenants, because the key itself names the tenant.
 */
@Repository
class ApiKeyRepository {

	/** How often the last-use time is written: once a minute per key is enough to see which keys are alive. */
	private static final Duration LAST_USE_RESOLUTION = Duration.ofMinutes(1);

	private static final String COLUMNS = "id, tenant_id, name, prefix, role, platform_admin, created_by, created_at, last_used_at, revoked_at";

	private final JdbcClient jdbc;
	private final CurrentActor currentActor;
	private final Clock clock;

	ApiKeyRepository(JdbcClient jdbc, CurrentActor currentActor, Clock clock) {
		this.jdbc = jdbc;
		this.currentActor = currentActor;
		this.clock = clock;
	}

	ApiKeyView insert(TenantId tenant, String name, String key, Role role, boolean platformAdmin, String createdBy) {
		var id = UUID.randomUUID();
		var now = OffsetDateTime.now(clock);
		jdbc.sql("""
				INSERT INTO api_key (id, tenant_id, name, prefix, key_hash, role, platform_admin, created_by, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, tenant.value(), name, ApiKeys.visiblePrefix(key), ApiKeys.hash(key), role.name(), platformAdmin,
					createdBy, now)
			.update();
		return new ApiKeyView(id, name, ApiKeys.visiblePrefix(key), role, createdBy, now, null, null);
	}

	/** The active key with this hash. */
	Optional<StoredKey> findActiveByHash(String keyHash) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM api_key WHERE key_hash = ? AND revoked_at IS NULL")
			.param(keyHash)
			.query(this::stored)
			.optional();
	}

	boolean hashExists(String keyHash) {
		return jdbc.sql("SELECT COUNT(*) FROM api_key WHERE key_hash = ?").param(keyHash).query(Long.class).single() > 0;
	}

	/** The current tenant's keys whose visible prefix starts with {@code prefix} (all keys for an empty one). */
	List<ApiKeyView> findAllInCurrentTenant(String prefix) {
		var escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
		return jdbc.sql("SELECT " + COLUMNS + " FROM api_key WHERE tenant_id = ? AND prefix LIKE ? ESCAPE '\\' ORDER BY created_at, name")
			.params(currentActor.tenant().value(), escaped + "%")
			.query(this::stored)
			.list()
			.stream()
			.map(StoredKey::view)
			.toList();
	}

	Optional<ApiKeyView> findInCurrentTenant(UUID id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM api_key WHERE id = ? AND tenant_id = ?")
			.params(id, currentActor.tenant().value())
			.query(this::stored)
			.optional()
			.map(StoredKey::view);
	}

	/** Revokes a key of the current tenant; revoking twice keeps the first revocation time. */
	boolean revokeInCurrentTenant(UUID id) {
		jdbc.sql("UPDATE api_key SET revoked_at = ? WHERE id = ? AND tenant_id = ? AND revoked_at IS NULL")
			.params(OffsetDateTime.now(clock), id, currentActor.tenant().value())
			.update();
		return findInCurrentTenant(id).isPresent();
	}

	/** Records the key's use; true when this is its first use within the resolution (once a minute at most). */
	boolean markUsed(StoredKey key) {
		var now = OffsetDateTime.now(clock);
		return jdbc.sql("UPDATE api_key SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)")
			.params(now, key.id(), now.minus(LAST_USE_RESOLUTION))
			.update() == 1;
	}

	private StoredKey stored(ResultSet rs, int row) throws SQLException {
		return new StoredKey(rs.getObject("id", UUID.class), new TenantId(rs.getObject("tenant_id", UUID.class)),
				rs.getString("name"), rs.getString("prefix"), Role.valueOf(rs.getString("role")),
				rs.getBoolean("platform_admin"), rs.getString("created_by"),
				rs.getObject("created_at", OffsetDateTime.class), rs.getObject("last_used_at", OffsetDateTime.class),
				rs.getObject("revoked_at", OffsetDateTime.class));
	}

	record StoredKey(UUID id, TenantId tenantId, String name, String prefix, Role role, boolean platformAdmin,
			String createdBy, OffsetDateTime createdAt, OffsetDateTime lastUsedAt, OffsetDateTime revokedAt) {

		ApiKeyView view() {
			return new ApiKeyView(id, name, prefix, role, createdBy, createdAt, lastUsedAt, revokedAt);
		}
	}
}
