package com.groundwork.insight.internal.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.groundwork.GroundworkApplication;
import java.nio.file.Path;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * {@code eval/run audit-verify} on the embedded database a stopped service left behind: valid after the demo's own
 * entries, then broken (exit status 1, the entry named) once a row is changed behind the application's back.
 */
class AuditVerifyCommandTests {

	@TempDir
	Path dataDir;

	@Test
	void verifiesTheStoppedServicesChainsAndNamesTheFirstTamperedEntry() throws Exception {
		// the demo tenant's leads are seeded at start: each upsert is an audit entry
		try (var app = new SpringApplicationBuilder(GroundworkApplication.class).run("--groundwork.data-dir=" + dataDir,
				"--server.port=0", "--server.address=127.0.0.1", "--groundwork.demo.tenants=acme",
				"--groundwork.knowledge.sync-on-start=false", "--groundwork.insight.demo-history=false",
				"--spring.main.banner-mode=off")) {
			assertThat(app.isRunning()).isTrue();
		}
		var command = new AuditVerifyCommand();
		var arguments = EvalArguments.parse(new String[] { "audit-verify", "--data-dir", dataDir.toString() });

		var intact = command.run(arguments);
		assertThat(intact).containsEntry("valid", true).containsEntry("firstBrokenAt", null);
		assertThat((long) intact.get("entries")).isGreaterThan(3);
		assertThat(command.exitStatus(intact)).isZero();

		var url = "jdbc:h2:file:" + dataDir.resolve("db").resolve("groundwork")
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
		try (var connection = DriverManager.getConnection(url, "sa", "");
				var statement = connection.createStatement()) {
			assertThat(statement.executeUpdate("UPDATE audit_event SET actor = 'mallory' WHERE seq = 3")).isPositive();
		}

		var tampered = command.run(arguments);
		assertThat(tampered).containsEntry("valid", false).containsEntry("firstBrokenAt", 3L);
		assertThat(tampered.get("brokenTenant")).isNotNull();
		assertThat(command.exitStatus(tampered)).as("a broken chain fails the command").isEqualTo(1);
	}
}
