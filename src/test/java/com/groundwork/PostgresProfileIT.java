package com.groundwork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.groundwork.support.PgvectorServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** The service on its production profile: PostgreSQL 17 + pgvector, migrations applied, no demo data unless asked. */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("postgres")
class PostgresProfileIT {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		PgvectorServer.useFreshDatabase(registry, "profile_it");
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Test
	void startsOnPostgresWithTheMigrationsApplied() throws Exception {
		assertThat(jdbc.sql("SELECT current_setting('server_version_num')::int").query(Integer.class).single())
			.isGreaterThanOrEqualTo(170000);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM flyway_schema_history WHERE success").query(Long.class).single())
			.isGreaterThanOrEqualTo(2);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'search_vector_embedding'")
			.query(Long.class)
			.single()).isEqualTo(1);
		mvc.perform(get("/actuator/health")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
	}

	@Test
	void seedsNoDemoTenantsInProduction() throws Exception {
		assertThat(jdbc.sql("SELECT COUNT(*) FROM tenant").query(Long.class).single()).isZero();
		mvc.perform(get("/api/me").header("X-API-Key", "demo-acme-admin")).andExpect(status().isUnauthorized());
	}
}
