package com.groundwork.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.groundwork.drafting.DraftingFixtures;
import com.groundwork.identity.TenantId;
import com.groundwork.identity.Tenants;
import com.groundwork.knowledge.KnowledgeIngestion;
import com.groundwork.lead.Suppressions;
import com.groundwork.search.PassageSearch;
import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A data subject end to end, with every Groundwork logger at DEBUG: their lead is created, a draft written for them,
 * their data exported, then erased. Afterwards no table, no file of the search index and no line of the log written
 * during the test holds their address (nor their name, nor the phone number in their CRM notes); the address is
 * suppressed as a hash and the audit chain still verifies, with the entries about them tombstoned.
 */
@SpringBootTest(properties = "logging.level.com.groundwork=DEBUG")
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class PrivacyEndToEndTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Suppressions suppressions;

	@Autowired
	AuditTrail trail;

	@Value("${groundwork.search.index-dir}")
	Path indexDir;

	@Test
	void aSubjectIsExportedThenErasedFromEveryStore(CapturedOutput output, @Autowired KnowledgeIngestion ingestion,
			@Autowired PassageSearch search, @Autowired Tenants tenants) throws Exception {
		TenantId acme = DraftingFixtures.tenant(tenants, "acme");
		DraftingFixtures.ingest(ingestion, search, acme, DraftingFixtures.DOCUMENTS);
		String unique = UUID.randomUUID().toString().substring(0, 8);
		String email = "Zenobia.Quillfeather+" + unique + "@subject-test.example";
		String name = "Zenobia";
		String phone = "+44 20 7946 0958";
		String lead = "GDPR-" + unique;

		mvc.perform(put("/api/leads/" + lead).header("X-API-Key", "demo-acme-marketer")
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"schemaVersion":2,"externalId":"%s",
					 "contact":{"firstName":"%s","lastName":"Quillfeather","email":"%s","title":"VP Operations","country":"US"},
					 "company":{"name":"Quillfeather Freight","industry":"logistics","employees":1200,"salesRegion":"NA"},
					 "crm":{"stage":"MQL","notes":"Call back on %s about the dock pilot"},
					 "consent":{"status":"EXPRESS","basis":"demo-request","source":"web-form","grantedAt":"2025-01-10"}}
					""".formatted(lead, name, email, phone))).andExpect(status().isCreated());
		var draft = mvc.perform(post("/api/drafts").header("X-API-Key", "demo-acme-rep")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"leadExternalId\":\"" + lead + "\",\"angle\":\"intro\"}"))
			.andExpect(status().isCreated())
			.andReturn().getResponse().getContentAsString();
		assertThat(JsonPath.<String>read(draft, "$.status")).isEqualTo("GENERATED");
		assertThat(draft).contains(name);
		String draftId = JsonPath.read(draft, "$.id");
		// Whatever the code logs, a line naming the subject is masked.
		LoggerFactory.getLogger(PrivacyEndToEndTests.class).info("Subject {} (phone {}) card 4111 1111 1111 1111 iban "
				+ "DE89 3704 0044 0532 0130 00 asked for access", email, phone);

		mvc.perform(get("/api/privacy/subjects/" + email + "/export").header("X-API-Key", "demo-acme-admin"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.leads[0].externalId").value(lead))
			.andExpect(jsonPath("$.leads[0].contract.contact.email").value(email.toLowerCase(Locale.ROOT)))
			.andExpect(jsonPath("$.leads[0].snapshots.length()").value(greaterThanOrEqualTo(1)))
			.andExpect(jsonPath("$.drafts[0].id").value(draftId))
			.andExpect(jsonPath("$.auditEvents[?(@.action == 'lead.created')]").isNotEmpty())
			.andExpect(jsonPath("$.auditEvents[?(@.action == 'draft.generated')]").isNotEmpty());
		// Another tenant holds nothing about the subject, and cannot erase acme's data.
		mvc.perform(delete("/api/privacy/subjects/" + email).header("X-API-Key", "demo-globex-admin"))
			.andExpect(status().isNotFound());

		mvc.perform(delete("/api/privacy/subjects/" + email).header("X-API-Key", "demo-acme-admin"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.leadsErased").value(1))
			.andExpect(jsonPath("$.auditEntriesTombstoned").value(greaterThanOrEqualTo(2)))
			.andExpect(jsonPath("$.suppressed").value(true));

		mvc.perform(get("/api/leads/" + lead).header("X-API-Key", "demo-acme-rep")).andExpect(status().isNotFound());
		mvc.perform(get("/api/drafts/" + draftId).header("X-API-Key", "demo-acme-rep")).andExpect(status().isNotFound());
		mvc.perform(get("/api/privacy/subjects/" + email + "/export").header("X-API-Key", "demo-acme-admin"))
			.andExpect(status().isNotFound());
		assertThat(suppressions.isSuppressed(acme, email)).isTrue();
		var verification = trail.verify(acme);
		assertThat(verification.valid()).as(String.valueOf(verification)).isTrue();
		mvc.perform(get("/api/audit/events").param("action", "privacy.subject-erased").header("X-API-Key", "demo-acme-auditor"))
			.andExpect(jsonPath("$.items[0].targetId").value(sha256(email.toLowerCase(Locale.ROOT))));
		mvc.perform(get("/api/audit/events").param("targetId", lead).header("X-API-Key", "demo-acme-auditor"))
			.andExpect(jsonPath("$.items[0].erased").value(true))
			.andExpect(jsonPath("$.items[0].details.tombstone").isNotEmpty());

		for (String secret : List.of(email, email.toLowerCase(Locale.ROOT), name, phone)) {
			assertThat(tablesContaining(secret)).as("tables holding %s", secret).isEmpty();
			assertThat(indexFilesContaining(secret)).as("index files holding %s", secret).isEmpty();
			assertThat(output.getAll()).as("log").doesNotContain(secret);
		}
		assertThat(output.getAll()).contains("[email]", "[phone]", "[card]", "[iban]")
			.doesNotContain("4111 1111 1111 1111", "DE89 3704 0044 0532 0130 00");
	}

	/** Every character column of every table, searched for the text (case-insensitively). */
	private List<String> tablesContaining(String text) {
		var columns = jdbc.sql("""
				SELECT table_name, column_name FROM information_schema.columns
				WHERE table_schema = 'public' AND (data_type LIKE '%CHAR%' OR data_type LIKE '%TEXT%' OR data_type LIKE '%CLOB%'
				      OR data_type IN ('character varying', 'text', 'character'))""")
			.query((rs, n) -> rs.getString(1) + "." + rs.getString(2))
			.list();
		assertThat(columns).as("columns scanned").contains("lead.contract", "draft.content", "audit_event.details",
				"event_publication.serialized_event");
		var found = new ArrayList<String>();
		for (var column : columns) {
			var parts = column.split("\\.");
			long hits = jdbc.sql("SELECT COUNT(*) FROM \"" + parts[0] + "\" WHERE LOWER(CAST(\"" + parts[1]
					+ "\" AS VARCHAR)) LIKE ?")
				.param("%" + text.toLowerCase(Locale.ROOT) + "%")
				.query(Long.class)
				.single();
			if (hits > 0) {
				found.add(column);
			}
		}
		return found;
	}

	private List<String> indexFilesContaining(String text) throws IOException {
		var needle = text.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
		var found = new ArrayList<String>();
		try (var files = Files.walk(indexDir)) {
			for (var file : files.filter(Files::isRegularFile).toList()) {
				String bytes;
				try {
					bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
				}
				catch (NoSuchFileException mergedAway) {
					continue; // a segment Lucene merged and deleted meanwhile: its content lives on in the merged one
				}
				if (bytes.contains(new String(needle, StandardCharsets.ISO_8859_1))) {
					found.add(file.toString());
				}
			}
		}
		return found;
	}

	private static String sha256(String text) throws Exception {
		return java.util.HexFormat.of()
			.formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
	}
}
