package com.groundwork.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** The lead API on a real H2 database: contract versions, validation, upserts, tenancy, events. */
@SpringBootTest
@AutoConfigureMockMvc
@RecordApplicationEvents
class LeadApiTests {

	static final String MARKETER = "demo-acme-marketer";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEvents events;

	/** The issue's example, contract version 1. */
	static String v1(String externalId) {
		return """
				{"schemaVersion":1,"externalId":"%s",
				 "contact":{"firstName":"Dana","lastName":"Reyes","email":"dana@northwind.example","title":"VP Operations","country":"US","language":"en"},
				 "company":{"name":"Northwind Logistics","domain":"northwind.example","industry":"logistics","employees":1200,"region":"NA"},
				 "crm":{"stage":"MQL","ownerEmail":"rep@acme.example","notes":"Asked about SOC 2 at the webinar"},
				 "consent":{"status":"IMPLIED","basis":"webinar-registration","source":"webinar","grantedAt":"2026-10-01"}}
				""".formatted(externalId);
	}

	/** The same lead in contract version 2. */
	static String v2(String externalId) {
		return v1(externalId).replace("\"schemaVersion\":1", "\"schemaVersion\":2").replace("\"region\"", "\"salesRegion\"");
	}

	ResultActions putLead(String externalId, String body) throws Exception {
		return putLead(externalId, body, MARKETER);
	}

	ResultActions putLead(String externalId, String body, String key) throws Exception {
		return mvc.perform(put("/api/leads/" + externalId).header("X-API-Key", key)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body));
	}

	@Test
	void putCreatesThenUpdatesAndGetReturnsTheLeadWithItsScore() throws Exception {
		putLead("T-ROUND-1", v1("T-ROUND-1")).andExpect(status().isCreated())
			.andExpect(header().string("Location", "/api/leads/T-ROUND-1"))
			.andExpect(jsonPath("$.version").value(1))
			.andExpect(jsonPath("$.lead.schemaVersion").value(2))
			.andExpect(jsonPath("$.lead.company.salesRegion").value("NA"));

		putLead("T-ROUND-1", v1("T-ROUND-1").replace("\"MQL\"", "\"SQL\""), "demo-acme-rep").andExpect(status().isOk())
			.andExpect(jsonPath("$.version").value(2));

		mvc.perform(get("/api/leads/T-ROUND-1").header("X-API-Key", "demo-acme-reviewer"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.externalId").value("T-ROUND-1"))
			.andExpect(jsonPath("$.version").value(2))
			.andExpect(jsonPath("$.lead.crm.stage").value("SQL"))
			.andExpect(jsonPath("$.lead.contact.email").value("dana@northwind.example"))
			.andExpect(jsonPath("$.suppressed").value(false))
			.andExpect(jsonPath("$.score.score").isNumber())
			.andExpect(jsonPath("$.score.reasons[?(@.factor == 'industry')].points", hasItem(20)))
			.andExpect(jsonPath("$.score.reasons[?(@.factor == 'industry')].why",
					hasItem("logistics is in the ideal customer profile")));
	}

	@Test
	void anIdenticalPutChangesNothingAndPublishesNothing() throws Exception {
		putLead("T-SAME-1", v2("T-SAME-1")).andExpect(status().isCreated());
		events.clear();
		putLead("T-SAME-1", v2("T-SAME-1")).andExpect(status().isOk()).andExpect(jsonPath("$.version").value(1));
		assertThat(events.stream(LeadUpserted.class)).isEmpty();
	}

	@Test
	void versionOneAndVersionTwoPayloadsAreStoredTheSame() throws Exception {
		putLead("T-VER-1", v1("T-VER-1")).andExpect(status().isCreated());
		putLead("T-VER-2", v2("T-VER-2")).andExpect(status().isCreated());

		String stored1 = storedContract("T-VER-1");
		String stored2 = storedContract("T-VER-2");
		assertThat(stored1.replace("T-VER-1", "X")).isEqualTo(stored2.replace("T-VER-2", "X"));
		assertThat(JsonPath.<Integer>read(stored1, "$.schemaVersion")).isEqualTo(2);
		assertThat(JsonPath.<String>read(stored1, "$.company.salesRegion")).isEqualTo("NA");
		assertThat(stored1).doesNotContain("\"region\"");
	}

	@Test
	void versionTwoAddsAnOptionalRevenueBand() throws Exception {
		putLead("T-VER-3", v2("T-VER-3").replace("\"salesRegion\":\"NA\"", "\"salesRegion\":\"NA\",\"annualRevenueBand\":\"FROM_100M_TO_1B\""))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.lead.company.annualRevenueBand").value("FROM_100M_TO_1B"));
		putLead("T-VER-4", v1("T-VER-4").replace("\"region\":\"NA\"", "\"region\":\"NA\",\"annualRevenueBand\":\"OVER_1B\""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("company.annualRevenueBand")));
	}

	@Test
	void validationProblemsNameEachField() throws Exception {
		String invalid = v1("T-BAD-1").replace("dana@northwind.example", "dana-at-northwind")
			.replace("\"country\":\"US\"", "\"country\":\"XX\"")
			.replace(",\"grantedAt\":\"2026-10-01\"", "")
			.replace("\"employees\":1200", "\"employees\":-5");
		putLead("T-BAD-1", invalid).andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Invalid request"))
			.andExpect(jsonPath("$.errors[*].field", hasItem("contact.email")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("contact.country")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("consent.grantedAt")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("company.employees")))
			.andExpect(jsonPath("$.errors[?(@.field == 'contact.country')].message",
					hasItem("must be an ISO 3166-1 alpha-2 country code such as US, DE or BR")))
			.andExpect(jsonPath("$.detail", containsString("contact.email: ")));
		assertThat(storedCount("T-BAD-1")).isZero();
	}

	@Test
	void anUnknownFieldIsRejectedByName() throws Exception {
		putLead("T-UNK-1", v2("T-UNK-1").replace("\"salesRegion\"", "\"region\""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("company.region"))
			.andExpect(jsonPath("$.detail", containsString("company.region")))
			.andExpect(jsonPath("$.detail", containsString("salesRegion")));
		putLead("T-UNK-2", v1("T-UNK-2").replace("\"contact\":{", "\"contact\":{\"phone\":\"+1 555 0100\","))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("contact.phone"));
	}

	@Test
	void anUnsupportedSchemaVersionNamesTheSupportedOnes() throws Exception {
		putLead("T-SV-1", v1("T-SV-1").replace("\"schemaVersion\":1", "\"schemaVersion\":3"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("schemaVersion"))
			.andExpect(jsonPath("$.errors[0].message", containsString("send one of 1, 2")));
		putLead("T-SV-2", v1("T-SV-2").replace("\"schemaVersion\":1,", ""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("schemaVersion"))
			.andExpect(jsonPath("$.errors[0].message").value("is required: send one of 1, 2"));
	}

	@Test
	void thePathIdMustMatchTheBody() throws Exception {
		putLead("T-PATH-1", v1("T-PATH-2")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("externalId"))
			.andExpect(jsonPath("$.errors[0].message", containsString("T-PATH-1")));
		assertThat(storedCount("T-PATH-1") + storedCount("T-PATH-2")).isZero();
	}

	@Test
	void anotherTenantsLeadDoesNotExistForTheCaller() throws Exception {
		mvc.perform(get("/api/leads/L-1001").header("X-API-Key", "demo-acme-rep"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.lead.company.name").value("Northwind Logistics"));
		mvc.perform(get("/api/leads/L-1001").header("X-API-Key", "demo-globex-rep"))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.title").value("Lead not found"))
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("Northwind"))));
		// globex writing the same id creates its own lead and leaves acme's alone
		putLead("L-1001", v1("L-1001").replace("Northwind Logistics", "Globex Freight"), "demo-globex-marketer")
			.andExpect(status().isCreated());
		mvc.perform(get("/api/leads/L-1001").header("X-API-Key", "demo-acme-rep"))
			.andExpect(jsonPath("$.lead.company.name").value("Northwind Logistics"));
	}

	@Test
	void eachChangePublishesLeadUpserted() throws Exception {
		events.clear();
		putLead("T-EVT-1", v2("T-EVT-1")).andExpect(status().isCreated());
		putLead("T-EVT-1", v2("T-EVT-1").replace("\"MQL\"", "\"SQL\"")).andExpect(status().isOk());
		assertThat(events.stream(LeadUpserted.class)).extracting(LeadUpserted::externalId, LeadUpserted::version,
				LeadUpserted::created, LeadUpserted::origin)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("T-EVT-1", 1L, true, LeadUpserted.Origin.API),
					org.assertj.core.groups.Tuple.tuple("T-EVT-1", 2L, false, LeadUpserted.Origin.API));
		assertThat(events.stream(LeadUpserted.class).map(LeadUpserted::tenant).distinct()).hasSize(1);
	}

	@Test
	void aWithdrawnConsentSuppressesTheAddress() throws Exception {
		String withdrawn = v2("T-WD-1").replace("dana@northwind.example", "Opted.Out@Northwind.example")
			.replace("\"status\":\"IMPLIED\"", "\"status\":\"WITHDRAWN\"");
		putLead("T-WD-1", withdrawn).andExpect(status().isCreated()).andExpect(jsonPath("$.suppressed").value(true));
		String hash = jdbc.sql("SELECT email_hash FROM suppression WHERE reason = 'consent-withdrawn'").query(String.class).list().stream()
			.filter(h -> h.equals(com.groundwork.lead.internal.suppression.EmailHashes.hash(" opted.out@northwind.example ")))
			.findFirst()
			.orElseThrow();
		assertThat(hash).hasSize(64);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM suppression WHERE email_hash LIKE '%@%'").query(Long.class).single()).isZero();
	}

	@Test
	void anAddressCanBeSuppressedByHandAndTheListKeepsOnlyItsHash() throws Exception {
		putLead("T-SUP-1", v2("T-SUP-1").replace("dana@northwind.example", "hand.suppressed@northwind.example"))
			.andExpect(jsonPath("$.suppressed").value(false));
		for (int status : new int[] { 201, 200 }) {
			mvc.perform(post("/api/suppressions").header("X-API-Key", "demo-acme-admin")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"email\":\"Hand.Suppressed@northwind.example\",\"reason\":\"legal-request\"}"))
				.andExpect(status().is(status))
				.andExpect(jsonPath("$.added").value(status == 201))
				.andExpect(jsonPath("$.emailHash").value(com.groundwork.lead.internal.suppression.EmailHashes
					.hash("hand.suppressed@northwind.example")))
				.andExpect(content().string(org.hamcrest.Matchers.not(containsString("@"))));
		}
		mvc.perform(get("/api/leads/T-SUP-1").header("X-API-Key", "demo-acme-rep"))
			.andExpect(jsonPath("$.suppressed").value(true));
		mvc.perform(post("/api/suppressions").header("X-API-Key", "demo-acme-rep")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"email\":\"x@y.example\",\"reason\":\"bounced\"}")).andExpect(status().isForbidden());
	}

	@Test
	void publishesTheContractSchemas() throws Exception {
		for (int version : new int[] { 1, 2 }) {
			mvc.perform(get("/api/contracts/lead/v" + version).header("X-API-Key", "demo-acme-rep"))
				.andExpect(status().isOk())
				.andExpect(content().contentTypeCompatibleWith("application/schema+json"))
				.andExpect(jsonPath("$['$schema']").value("https://json-schema.org/draft/2020-12/schema"))
				.andExpect(jsonPath("$.properties.schemaVersion.const").value(version));
		}
	}

	@Test
	void onlyLeadRolesMayWrite() throws Exception {
		putLead("T-ROLE-1", v2("T-ROLE-1"), "demo-acme-auditor").andExpect(status().isForbidden());
		putLead("T-ROLE-1", v2("T-ROLE-1"), "demo-acme-reviewer").andExpect(status().isForbidden());
		mvc.perform(get("/api/leads/L-1002").header("X-API-Key", "demo-acme-auditor")).andExpect(status().isOk());
	}

	/** The contract as stored, decrypted (it is encrypted at rest). */
	private String storedContract(String externalId) {
		return jdbc.sql("SELECT l.id, l.contract FROM lead l JOIN tenant t ON t.id = l.tenant_id WHERE t.slug = 'acme' AND l.external_id = ?")
			.param(externalId)
			.query((rs, n) -> cipher.decrypt(rs.getString("contract"), "lead:" + rs.getString("id") + ":contract"))
			.single();
	}

	@Autowired
	com.groundwork.lead.internal.store.FieldCipher cipher;

	private long storedCount(String externalId) {
		return jdbc.sql("SELECT COUNT(*) FROM lead WHERE external_id = ?").param(externalId).query(Long.class).single();
	}
}
