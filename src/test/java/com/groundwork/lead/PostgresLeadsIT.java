package com.groundwork.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.groundwork.identity.TenantId;
import com.groundwork.support.PgvectorServer;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** The lead module on PostgreSQL 17: its migration, upserts with row locks, CSV import, CRM events, suppression. */
@SpringBootTest(properties = { "groundwork.demo.enabled=true", "groundwork.crm.webhook-secrets.acme=it-secret" })
@AutoConfigureMockMvc
@ActiveProfiles("postgres")
class PostgresLeadsIT {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		PgvectorServer.useFreshDatabase(registry, "lead_it");
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	LeadFeatures features;

	@Test
	void leadsWorkOnPostgres() throws Exception {
		assertThat(jdbc.sql("SELECT COUNT(*) FROM lead").query(Long.class).single()).as("demo leads").isEqualTo(40);

		mvc.perform(put("/api/leads/PG-1").header("X-API-Key", "demo-acme-marketer")
			.contentType(MediaType.APPLICATION_JSON)
			.content(LeadApiTests.v1("PG-1"))).andExpect(status().isCreated());
		mvc.perform(put("/api/leads/PG-1").header("X-API-Key", "demo-acme-marketer")
			.contentType(MediaType.APPLICATION_JSON)
			.content(LeadApiTests.v2("PG-1").replace("\"MQL\"", "\"SQL\""))).andExpect(status().isOk());
		mvc.perform(get("/api/leads/PG-1").header("X-API-Key", "demo-acme-rep"))
			.andExpect(jsonPath("$.version").value(2))
			.andExpect(jsonPath("$.lead.company.salesRegion").value("NA"))
			.andExpect(jsonPath("$.score.score").isNumber());

		mvc.perform(post("/api/leads/import").header("X-API-Key", "demo-acme-marketer")
			.contentType("text/csv")
			.content("externalId,contact.email,contact.country,company.name,consent.status\n"
					+ "PG-2,pg2@pg.example,DE,PG GmbH,NONE\nPG-3,broken,DE,PG GmbH,NONE\n"))
			.andExpect(jsonPath("$.created").value(1))
			.andExpect(jsonPath("$.errors[0].row").value(3));

		String body = LeadCrmEventTests.event("PG-1", 7, "{\"consent.status\":\"WITHDRAWN\"}");
		String signature = LeadCrmEventTests.sign("it-secret", Instant.now().getEpochSecond(), body);
		for (String outcome : new String[] { "APPLIED", "DUPLICATE" }) {
			mvc.perform(post("/api/crm/events").header("X-API-Key", "demo-acme-marketer")
				.header("X-Groundwork-Signature", signature)
				.contentType(MediaType.APPLICATION_JSON)
				.content(body)).andExpect(status().isOk()).andExpect(jsonPath("$.outcome").value(outcome));
		}
		mvc.perform(get("/api/leads/PG-1").header("X-API-Key", "demo-acme-rep"))
			.andExpect(jsonPath("$.suppressed").value(true))
			.andExpect(jsonPath("$.lastSequence").value(7));

		var acme = new TenantId(jdbc.sql("SELECT id FROM tenant WHERE slug = 'acme'").query(UUID.class).single());
		var snapshot = features.snapshot(acme, "PG-1");
		assertThat(features.findSnapshot(acme, snapshot.id())).contains(snapshot);
	}
}
