package com.groundwork.lead;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Signed CRM change events: applied once and in order per lead; duplicates and older sequences are harmless no-ops;
 * a missing, wrong or stale signature is refused before the body is read.
 */
@SpringBootTest
@AutoConfigureMockMvc
class LeadCrmEventTests {

	static final String ACME_SECRET = "demo-acme-crm-secret";

	@Autowired
	MockMvc mvc;

	@BeforeEach
	void lead() throws Exception {
		mvc.perform(put("/api/leads/CRM-1").header("X-API-Key", "demo-acme-marketer")
			.contentType(MediaType.APPLICATION_JSON)
			// its own address: the test withdraws its consent, which suppresses the address for every test in the context
			.content(LeadApiTests.v2("CRM-1").replace("dana@northwind.example", "crm-one@northwind.example")));
	}

	static String sign(String secret, long unixSeconds, String body) throws Exception {
		var mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		var digest = mac.doFinal((unixSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
		return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(digest);
	}

	ResultActions send(String body, String signature) throws Exception {
		var request = post("/api/crm/events").header("X-API-Key", "demo-acme-marketer")
			.contentType(MediaType.APPLICATION_JSON)
			.content(body);
		return mvc.perform(signature == null ? request : request.header("X-Groundwork-Signature", signature));
	}

	ResultActions sendSigned(String body) throws Exception {
		return send(body, sign(ACME_SECRET, Instant.now().getEpochSecond(), body));
	}

	static String event(String externalId, long sequence, String changes) {
		return """
				{"externalId":"%s","sequence":%d,"occurredAt":"2026-11-20T10:00:00Z","changes":%s}
				""".formatted(externalId, sequence, changes);
	}

	@Test
	void aSignedEventIsAppliedOnceAndInOrder() throws Exception {
		String first = event("CRM-1", 1_000, "{\"crm.stage\":\"SQL\",\"crm.lastTouchAt\":\"2026-11-20\"}");
		sendSigned(first).andExpect(status().isOk())
			.andExpect(jsonPath("$.outcome").value("APPLIED"))
			.andExpect(jsonPath("$.lastSequence").value(1_000));
		mvc.perform(get("/api/leads/CRM-1").header("X-API-Key", "demo-acme-rep"))
			.andExpect(jsonPath("$.lead.crm.stage").value("SQL"))
			.andExpect(jsonPath("$.lead.crm.lastTouchAt").value("2026-11-20"))
			.andExpect(jsonPath("$.lastSequence").value(1_000));

		// the CRM retries the same event: nothing changes
		sendSigned(first).andExpect(status().isOk())
			.andExpect(jsonPath("$.outcome").value("DUPLICATE"))
			.andExpect(jsonPath("$.detail", containsString("already applied")));

		// an older event arrives late: ignored, the newer state stays
		sendSigned(event("CRM-1", 999, "{\"crm.stage\":\"LEAD\"}")).andExpect(status().isOk())
			.andExpect(jsonPath("$.outcome").value("OUT_OF_ORDER"))
			.andExpect(jsonPath("$.lastSequence").value(1_000));
		mvc.perform(get("/api/leads/CRM-1").header("X-API-Key", "demo-acme-rep"))
			.andExpect(jsonPath("$.lead.crm.stage").value("SQL"));

		// a null clears an optional field; a withdrawn consent suppresses the address
		sendSigned(event("CRM-1", 1_001, "{\"crm.notes\":null,\"consent.status\":\"WITHDRAWN\",\"consent.withdrawnAt\":\"2026-11-21\"}"))
			.andExpect(jsonPath("$.outcome").value("APPLIED"));
		mvc.perform(get("/api/leads/CRM-1").header("X-API-Key", "demo-acme-rep"))
			.andExpect(jsonPath("$.lead.crm.notes").doesNotExist())
			.andExpect(jsonPath("$.suppressed").value(true));
	}

	@Test
	void invalidChangesAreRefusedNamingTheField() throws Exception {
		sendSigned(event("CRM-1", 2_000, "{\"crm.stage\":\"HOT\"}")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("changes.crm.stage"));
		sendSigned(event("CRM-1", 2_001, "{\"crm.mood\":\"happy\"}")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("changes.crm.mood"));
		sendSigned(event("CRM-1", 2_002, "{\"externalId\":\"CRM-2\"}")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("changes.externalId"));
		sendSigned(event("CRM-1", 2_003, "{\"contact.email\":\"nope\"}")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("changes.contact.email"));
		sendSigned("{\"externalId\":\"CRM-1\",\"sequence\":2004,\"changes\":{\"crm.stage\":\"SQL\"},\"priority\":1}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("priority"));
		sendSigned(event("NO-SUCH-LEAD", 1, "{\"crm.stage\":\"SQL\"}")).andExpect(status().isNotFound());
	}

	@Test
	void aMissingOrWrongSignatureIs401() throws Exception {
		String body = event("CRM-1", 3_000, "{\"crm.stage\":\"CUSTOMER\"}");
		long now = Instant.now().getEpochSecond();
		send(body, null).andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Invalid signature"))
			.andExpect(jsonPath("$.detail", containsString("X-Groundwork-Signature")));
		send(body, sign("demo-globex-crm-secret", now, body)).andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.detail", containsString("does not match")));
		send(body.replace("CUSTOMER", "SQL"), sign(ACME_SECRET, now, body)).andExpect(status().isUnauthorized());
		send(body, "v1=abc").andExpect(status().isUnauthorized());
		send(body, "t=" + now + ",v1=zz").andExpect(status().isUnauthorized());
		mvc.perform(get("/api/leads/CRM-1").header("X-API-Key", "demo-acme-rep"))
			.andExpect(jsonPath("$.lead.crm.stage").value("MQL"));
	}

	@Test
	void aStaleTimestampIs401() throws Exception {
		String body = event("CRM-1", 4_000, "{\"crm.stage\":\"CUSTOMER\"}");
		long tenMinutesAgo = Instant.now().getEpochSecond() - 600;
		send(body, sign(ACME_SECRET, tenMinutesAgo, body)).andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.detail", containsString("timestamp")));
		send(body, sign(ACME_SECRET, tenMinutesAgo + 1_200, body)).andExpect(status().isUnauthorized());
	}

	@Test
	void onlyMachinesOfMarketingOrAdminsMaySendEvents() throws Exception {
		String body = event("CRM-1", 5_000, "{\"crm.stage\":\"SQL\"}");
		mvc.perform(post("/api/crm/events").header("X-API-Key", "demo-acme-rep")
			.header("X-Groundwork-Signature", sign(ACME_SECRET, Instant.now().getEpochSecond(), body))
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)).andExpect(status().isForbidden());
	}
}
