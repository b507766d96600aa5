package com.groundwork.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.groundwork.identity.Tenants;
import com.groundwork.support.PgvectorServer;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The audit trail on PostgreSQL 17: the application's own database connection cannot change, delete or truncate audit
 * entries (triggers), only tombstone an entry's details; a role granted SELECT and INSERT (how production should run)
 * is refused by privileges as well; the chain verifies through the API and from a plain JDBC connection.
 */
@SpringBootTest(properties = "groundwork.demo.enabled=true")
@AutoConfigureMockMvc
@ActiveProfiles("postgres")
class PostgresAuditIT {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		PgvectorServer.useFreshDatabase(registry, "audit_it");
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	Tenants tenants;

	@Test
	void auditRowsCannotBeChangedOrDeletedByTheApplication() throws Exception {
		var acme = tenants.all().stream().filter(tenant -> tenant.slug().equals("acme")).findFirst().orElseThrow().id();
		long entries = jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE tenant_id = ?").param(acme.value())
			.query(Long.class).single();
		assertThat(entries).as("the demo leads were audited").isGreaterThanOrEqualTo(20);

		assertThatThrownBy(() -> jdbc.sql("UPDATE audit_event SET action = 'lead.deleted' WHERE tenant_id = ? AND seq = 1")
			.param(acme.value()).update()).rootCause().hasMessageContaining("append-only");
		assertThatThrownBy(() -> jdbc.sql("UPDATE audit_event SET details = '{\"tombstone\":\"x\"}', erased_at = now(), "
				+ "actor = 'me' WHERE tenant_id = ? AND seq = 1").param(acme.value()).update())
			.rootCause().hasMessageContaining("append-only");
		assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_event WHERE tenant_id = ? AND seq = 2").param(acme.value())
			.update()).rootCause().hasMessageContaining("younger than 30 days");
		assertThatThrownBy(() -> jdbc.sql("TRUNCATE audit_event").update()).rootCause().hasMessageContaining("cannot be truncated");
		assertThatThrownBy(() -> jdbc.sql("UPDATE audit_head SET seq = 1 WHERE tenant_id = ?").param(acme.value()).update())
			.rootCause().hasMessageContaining("only moves forward");
		assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_head").update()).rootCause().hasMessageContaining("only moves forward");

		// Erasure's tombstone is the one change allowed: details only, every hashed column kept.
		assertThat(jdbc.sql("UPDATE audit_event SET details = '{\"tombstone\":\"erased\"}', erased_at = now() "
				+ "WHERE tenant_id = ? AND seq = 3").param(acme.value()).update()).isEqualTo(1);

		// A role that only appends and reads (GRANT SELECT, INSERT) is refused by privileges before any trigger.
		try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
			statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'gw_app') THEN "
					+ "CREATE ROLE gw_app; END IF; END $$");
			statement.execute("GRANT SELECT, INSERT ON audit_event TO gw_app");
			statement.execute("SET ROLE gw_app");
			assertThatThrownBy(() -> statement.execute("UPDATE audit_event SET action = 'x'"))
				.hasMessageContaining("permission denied");
			assertThatThrownBy(() -> statement.execute("DELETE FROM audit_event")).hasMessageContaining("permission denied");
			assertThatThrownBy(() -> statement.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only"))
				.hasMessageContaining("must be owner");
			statement.execute("RESET ROLE");
		}

		mvc.perform(get("/api/audit/verify").header("X-API-Key", "demo-acme-auditor"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.valid").value(true))
			.andExpect(jsonPath("$.entries").value(org.hamcrest.Matchers.greaterThanOrEqualTo((int) entries)));
		try (var connection = dataSource.getConnection()) {
			var all = AuditChains.verify(connection, null);
			assertThat(all).containsKeys("acme", "globex");
			assertThat(all.values()).allSatisfy(verification -> assertThat(verification.valid()).isTrue());
		}
	}
}
