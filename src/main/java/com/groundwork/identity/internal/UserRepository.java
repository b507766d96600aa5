package com.groundwork.identity.internal;

import com.groundwork.identity.CurrentActor;
import com.groundwork.identity.Role;
import com.groundwork.identity.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Users and their roles. Reads and writes made on behalf of a request are scoped to the current actor's tenant;
 * {@link #insert} takes the tenant explicitly because tenant creation and demo seeding run before anyone is in it.
 */
@Repository
class UserRepository {

	private static final String COLUMNS = "u.id, u.tenant_id, u.username, u.display_name, u.password_hash, u.platform_admin, u.enabled, u.created_at";

	private final JdbcClient jdbc;
	private final CurrentActor currentActor;
	private final Clock clock;

	UserRepository(JdbcClient jdbc, CurrentActor currentActor, Clock clock) {
		this.jdbc = jdbc;
		this.currentActor = currentActor;
		this.clock = clock;
	}

	/** The account behind a login form, across tenants: usernames are unique platform-wide. */
	Optional<UserAccount> findForLogin(String username) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM app_user u WHERE u.username = ?")
			.param(username)
			.query(this::account)
			.optional()
			.map(account -> account.withRoles(rolesOf(account.id())));
	}

	List<UserView> findAllInCurrentTenant() {
		var tenant = currentActor.tenant();
		var roles = jdbc.sql("SELECT user_id, role FROM user_role WHERE tenant_id = ?")
			.param(tenant.value())
			.query((rs, n) -> Map.entry(rs.getObject("user_id", UUID.class), Role.valueOf(rs.getString("role"))))
			.list()
			.stream()
			.collect(Collectors.groupingBy(Map.Entry::getKey,
					Collectors.mapping(Map.Entry::getValue, Collectors.toCollection(() -> EnumSet.noneOf(Role.class)))));
		return jdbc.sql("SELECT " + COLUMNS + " FROM app_user u WHERE u.tenant_id = ? ORDER BY u.username")
			.param(tenant.value())
			.query(this::account)
			.list()
			.stream()
			.map(account -> account.withRoles(roles.getOrDefault(account.id(), EnumSet.noneOf(Role.class))).view())
			.toList();
	}

	Optional<UserView> findInCurrentTenant(UUID id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM app_user u WHERE u.id = ? AND u.tenant_id = ?")
			.params(id, currentActor.tenant().value())
			.query(this::account)
			.optional()
			.map(account -> account.withRoles(rolesOf(id)).view());
	}

	boolean usernameExists(String username) {
		return jdbc.sql("SELECT COUNT(*) FROM app_user WHERE username = ?").param(username).query(Long.class).single() > 0;
	}

	@Transactional
	UserView insert(TenantId tenant, String username, String displayName, String passwordHash, Set<Role> roles,
			boolean platformAdmin) {
		var id = UUID.randomUUID();
		var now = OffsetDateTime.now(clock);
		jdbc.sql("""
				INSERT INTO app_user (id, tenant_id, username, display_name, password_hash, platform_admin, enabled, created_at)
				VALUES (?, ?, ?, ?, ?, ?, TRUE, ?)""")
			.params(id, tenant.value(), username, displayName, passwordHash, platformAdmin, now)
			.update();
		for (var role : roles) {
			jdbc.sql("INSERT INTO user_role (tenant_id, user_id, role) VALUES (?, ?, ?)")
				.params(tenant.value(), id, role.name())
				.update();
		}
		return new UserView(id, username, displayName, Set.copyOf(roles), platformAdmin, true, now);
	}

	private Set<Role> rolesOf(UUID userId) {
		return jdbc.sql("SELECT role FROM user_role WHERE user_id = ?")
			.param(userId)
			.query((rs, n) -> Role.valueOf(rs.getString("role")))
			.set();
	}

	private UserAccount account(ResultSet rs, int row) throws SQLException {
		return new UserAccount(rs.getObject("id", UUID.class), new TenantId(rs.getObject("tenant_id", UUID.class)),
				rs.getString("username"), rs.getString("display_name"), rs.getString("password_hash"),
				rs.getBoolean("platform_admin"), rs.getBoolean("enabled"), rs.getObject("created_at", OffsetDateTime.class),
				Set.of());
	}

	/** A stored user with the credential the login form checks. */
	record UserAccount(UUID id, TenantId tenantId, String username, String displayName, String passwordHash,
			boolean platformAdmin, boolean enabled, OffsetDateTime createdAt, Set<Role> roles) {

		UserAccount withRoles(Set<Role> roles) {
			return new UserAccount(id, tenantId, username, displayName, passwordHash, platformAdmin, enabled, createdAt,
					roles);
		}

		UserView view() {
			return new UserView(id, username, displayName, roles, platformAdmin, enabled, createdAt);
		}
	}
}
