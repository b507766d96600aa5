package com.groundwork.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL + pgvector server that the build started for the integration tests (scripts/pgvector-test-server.sh
 * writes its JDBC URL). Each caller gets a fresh database on it. Without a server the tests are skipped on a
 * developer's machine and fail under {@code CI=true}: on CI they are never silently skipped.
 */
public final class PgvectorServer {

	private PgvectorServer() {
	}

	/** A JDBC URL of a new, empty database named after {@code purpose}. */
	public static String freshDatabase(String purpose) {
		String serverUrl = serverUrl();
		String name = ("gw_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
		try (var connection = DriverManager.getConnection(serverUrl); var statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create database " + name + " on " + serverUrl, ex);
		}
		return serverUrl.replaceFirst("/postgres(\\?|$)", "/" + name + "$1");
	}

	/** Points a Spring test context at a fresh database on the server (for {@code @DynamicPropertySource}). */
	public static void useFreshDatabase(org.springframework.test.context.DynamicPropertyRegistry registry,
			String purpose) {
		String url = freshDatabase(purpose);
		registry.add("spring.datasource.url", () -> url);
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.password", () -> "");
	}

	private static String serverUrl() {
		Path dir = Path.of(System.getProperty("groundwork.test.pgvector-dir", "target/pgvector"));
		try {
			if (Files.exists(dir.resolve("jdbc.url"))) {
				return Files.readString(dir.resolve("jdbc.url")).strip();
			}
			String why = Files.exists(dir.resolve("unavailable")) ? Files.readString(dir.resolve("unavailable")).strip()
					: "no server was started (run the tests with ./mvnw verify, or set GROUNDWORK_PG_URL)";
			if ("true".equals(System.getenv("CI"))) {
				fail("PostgreSQL + pgvector is required on CI and is unavailable: " + why);
			}
			Assumptions.abort("PostgreSQL + pgvector unavailable: " + why);
			throw new AssertionError("unreachable");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
