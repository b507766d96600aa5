package com.groundwork.review.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import com.groundwork.drafting.DraftSummary;
import com.groundwork.drafting.DraftingFixtures;
import com.groundwork.drafting.Drafts;
import com.groundwork.guardrail.Guardrails;
import com.groundwork.identity.TenantId;
import com.groundwork.identity.Tenants;
import com.groundwork.knowledge.KnowledgeIngestion;
import com.groundwork.lead.LeadFeatures;
import com.groundwork.lead.Suppressions;
import com.groundwork.review.ReviewFixtures;
import com.groundwork.search.PassageSearch;
import com.jayway.jsonpath.JsonPath;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The outbox channel of the embedded default: the demo tenants release into it with no configuration, and what it
 * keeps is the mail SMTP would send (Jakarta Mail parses the .eml: From, To, subject, CAN-SPAM footer, RFC 8058
 * headers), shown at /outbox and GET /api/outbox to its own tenant only; its unsubscribe link works; the release is
 * audited with the outbox as its channel.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboxChannelTests {

	private static final String REVIEWER = "demo-acme-reviewer";

	private static final String EMAIL = "olga.outbox@harborline.example";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Suppressions suppressions;

	private ReviewFixtures fixtures;
	private TenantId acme;

	@BeforeAll
	void setUp(@Autowired KnowledgeIngestion ingestion, @Autowired PassageSearch search, @Autowired Tenants tenants,
			@Autowired Drafts drafts, @Autowired Guardrails guardrails, @Autowired LeadFeatures leadFeatures,
			@Autowired PlatformTransactionManager transactions) throws Exception {
		acme = DraftingFixtures.tenant(tenants, "acme");
		DraftingFixtures.ingest(ingestion, search, acme, DraftingFixtures.DOCUMENTS);
		fixtures = new ReviewFixtures(drafts, guardrails, leadFeatures, transactions, jdbc);
		// a lead of this test's own: its address ends on the suppression list, which other tests' leads must not
		mvc.perform(put("/api/leads/OUTBOX-1").contentType(MediaType.APPLICATION_JSON).content("""
				{"schemaVersion":2,"externalId":"OUTBOX-1",
				 "contact":{"firstName":"Olga","lastName":"Lind","email":"%s","title":"VP Operations","country":"US"},
				 "company":{"name":"Harborline Freight","industry":"logistics","employees":900,"salesRegion":"NA"},
				 "consent":{"status":"EXPRESS","basis":"demo-request","source":"web-form","grantedAt":"2026-09-01"}}
				""".formatted(EMAIL)).header("X-API-Key", "demo-acme-marketer"))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().is2xxSuccessful());
	}

	@Test
	void aReleaseIntoTheOutboxKeepsTheMailAsSmtpWouldSendItForItsTenantOnly() throws Exception {
		var draft = approved();
		var released = call(post("/api/review/" + draft.id() + "/release"), REVIEWER, 200);
		assertThat(JsonPath.<List<String>>read(released, "$.deliveries[*].channel")).containsExactly("outbox");
		assertThat(JsonPath.<List<String>>read(released, "$.deliveries[*].status")).containsExactly("DELIVERED");
		var deliveryId = JsonPath.<List<String>>read(released, "$.deliveries[*].id").getFirst();

		// the API: a rep of the tenant reads it as it would arrive
		var listing = call(get("/api/outbox"), "demo-acme-rep", 200);
		var path = "$.items[?(@.id == '" + deliveryId + "')]";
		assertThat(JsonPath.<List<String>>read(listing, path + ".draftId")).containsExactly(draft.id().toString());
		assertThat(JsonPath.<List<String>>read(listing, path + ".to")).containsExactly(EMAIL);
		assertThat(JsonPath.<List<String>>read(listing, path + ".from")).containsExactly("Acme Corp <outreach@acme-ops.example>");
		assertThat(JsonPath.<List<String>>read(listing, path + ".subject")).containsExactly(draft.subject());
		assertThat(JsonPath.<List<String>>read(listing, path + ".body").getFirst()).startsWith("Hi Olga,");
		assertThat(JsonPath.<List<String>>read(listing, path + ".footer").getFirst()).contains(
				"Acme Corp, 500 Harbor Boulevard, Suite 400, Oakland, CA 94607, USA", "Unsubscribe with one click: https://");
		assertThat(JsonPath.<List<String>>read(listing, path + ".listUnsubscribePost"))
			.containsExactly("List-Unsubscribe=One-Click");
		var listUnsubscribe = JsonPath.<List<String>>read(listing, path + ".listUnsubscribe").getFirst();
		assertThat(listUnsubscribe).matches("<https://acme-ops\\.example/unsubscribe\\?token=[A-Za-z0-9_.-]+>");
		assertThat(JsonPath.<List<String>>read(listing, path + ".eml")).containsExactly("/outbox/" + deliveryId + ".eml");

		// the .eml: a real RFC 5322 message, parsed by Jakarta Mail
		var eml = mvc.perform(get("/outbox/" + deliveryId + ".eml").header("X-API-Key", "demo-acme-marketer")).andReturn();
		assertThat(eml.getResponse().getStatus()).isEqualTo(200);
		assertThat(eml.getResponse().getContentType()).startsWith("message/rfc822");
		assertThat(eml.getResponse().getHeader("Content-Disposition")).contains("attachment", deliveryId + ".eml");
		var mail = new MimeMessage(Session.getInstance(new Properties()),
				new ByteArrayInputStream(eml.getResponse().getContentAsByteArray()));
		assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo("outreach@acme-ops.example");
		assertThat(((InternetAddress) mail.getFrom()[0]).getPersonal()).isEqualTo("Acme Corp");
		assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly(EMAIL);
		assertThat(mail.getSubject()).isEqualTo(draft.subject());
		assertThat(mail.getSentDate()).isNotNull();
		assertThat(mail.getMessageID()).isEqualTo("<" + deliveryId + "@groundwork>");
		assertThat(mail.getHeader("List-Unsubscribe")).containsExactly(listUnsubscribe);
		assertThat(mail.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
		var text = ((String) mail.getContent()).replace("\r\n", "\n");
		assertThat(text).startsWith("Hi Olga,")
			.contains("\n-- \nAcme Corp, ", "500 Harbor Boulevard, Suite 400, Oakland, CA 94607")
			.endsWith("Unsubscribe with one click: " + listUnsubscribe.substring(1, listUnsubscribe.length() - 1));

		// the page, in the app's layout, with its navigation item
		var page = call(get("/outbox").accept(MediaType.TEXT_HTML), "demo-acme-rep", 200);
		assertThat(page).contains("data-testid=\"outbox-message\"", "href=\"/outbox\"", draft.subject(),
				"500 Harbor Boulevard", "List-Unsubscribe=One-Click", "/outbox/" + deliveryId + ".eml");

		// globex sees none of it
		assertThat(call(get("/api/outbox"), "demo-globex-reviewer", 200)).doesNotContain(deliveryId, EMAIL);
		assertThat(call(get("/outbox").accept(MediaType.TEXT_HTML), "demo-globex-rep", 200)).doesNotContain(deliveryId,
				EMAIL, draft.subject());
		var foreign = mvc.perform(get("/outbox/" + deliveryId + ".eml").header("X-API-Key", "demo-globex-admin"))
			.andReturn();
		assertThat(foreign.getResponse().getStatus()).isEqualTo(404);
		assertThat(foreign.getResponse().getContentAsString()).doesNotContain(EMAIL, "Acme");
		// an auditor reads the audit trail, not the mail
		assertThat(mvc.perform(get("/api/outbox").header("X-API-Key", "demo-acme-auditor")).andReturn()
			.getResponse().getStatus()).isEqualTo(403);

		// audited as the other channels are: the release names its channel
		var audit = call(get("/api/audit/events").param("action", "draft.released").param("targetId",
				draft.id().toString()), "demo-acme-auditor", 200);
		assertThat(JsonPath.<List<List<String>>>read(audit, "$.items[*].details.channels")).singleElement()
			.isEqualTo(List.of("outbox"));

		// the one-click link, on this instance, as a mail provider posts it: the address is suppressed
		assertThat(suppressions.isSuppressed(acme, EMAIL)).isFalse();
		var link = URI.create(JsonPath.<List<String>>read(listing, path + ".unsubscribeHere").getFirst());
		assertThat(link.getPath()).isEqualTo("/unsubscribe");
		var unsubscribed = mvc.perform(post(link.getPath() + "?" + link.getRawQuery())
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.content("List-Unsubscribe=One-Click")).andReturn();
		assertThat(unsubscribed.getResponse().getStatus()).isEqualTo(200);
		assertThat(suppressions.isSuppressed(acme, EMAIL)).isTrue();
		var listed = call(get("/api/suppressions").param("size", "1000"), "demo-acme-marketer", 200);
		assertThat(JsonPath.<List<String>>read(listed, "$.items[?(@.emailHash == '" + sha256(EMAIL) + "')].reason"))
			.containsExactly("unsubscribed");
	}

	@Test
	void aBadLimitIsAProblemNamingTheField() throws Exception {
		var refused = call(get("/api/outbox").param("limit", "0"), REVIEWER, 400);
		assertThat((String) JsonPath.read(refused, "$.detail")).contains("limit");
	}

	@Test
	void aMissingMessageIsAProblem() throws Exception {
		var missing = call(get("/outbox/" + java.util.UUID.randomUUID() + ".eml"), REVIEWER, 404);
		assertThat(missing).contains("GET /api/outbox");
	}

	/** A draft of the test's lead, approved by the reviewer. */
	private DraftSummary approved() throws Exception {
		var draft = fixtures.generate(acme, "acme", "OUTBOX-1", "intro", "acme.rep");
		fixtures.queueWith(draft, ReviewFixtures.clean());
		call(post("/api/review/" + draft.id() + "/claim"), REVIEWER, 200);
		call(post("/api/review/" + draft.id() + "/approve"), REVIEWER, 200);
		return draft;
	}

	private String call(MockHttpServletRequestBuilder request, String key, int status) throws Exception {
		MvcResult result = mvc.perform(request.header("X-API-Key", key)).andReturn();
		assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(status);
		return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

	private static String sha256(String email) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
			.digest(email.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
	}
}
