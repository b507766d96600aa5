package com.groundwork.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.groundwork.audit.AuditTrail;
import com.groundwork.identity.TenantId;
import com.groundwork.identity.Tenants;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit trail on the embedded database: modules' and security events become chained entries with who, what,
 * target and request id; verification finds a changed, a removed and two swapped entries (each put back after);
 * listing, filtering, the JSON-lines export, and retention that keeps the chain verifiable.
 */
@SpringBootTest
@AutoConfigureMockMvc
class AuditTrailTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AuditTrail trail;

	@Autowired
	AuditRetention retention;

	@Autowired
	Tenants tenants;

	@Autowired
	JsonMapper mapper;

	TenantId acme;

	TenantId globex;

	@BeforeEach
	void tenants() {
		acme = tenant("acme");
		globex = tenant("globex");
	}

	@Test
	void modulesAndSecurityEventsAreAuditedWithTheirRequestId() throws Exception {
		mvc.perform(put("/api/leads/AUD-1").header("X-API-Key", "demo-acme-marketer")
			.header("X-Request-Id", "audit-test-request-1")
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"schemaVersion":2,"externalId":"AUD-1","contact":{"firstName":"Ada","email":"ada@audit.example","country":"US"},
					 "company":{"name":"Audit Co"},"consent":{"status":"NONE"}}""")).andExpect(status().isCreated());
		mvc.perform(get("/api/admin/users").header("X-API-Key", "demo-acme-rep")).andExpect(status().isForbidden());
		mvc.perform(post("/api/admin/api-keys").header("X-API-Key", "demo-acme-admin")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"audited key\",\"role\":\"REP\"}")).andExpect(status().isCreated());

		// The marketer key's first use this minute is audited with the same request id (api-key.used).
		mvc.perform(get("/api/audit/events").param("requestId", "audit-test-request-1").param("action", "lead.*")
			.header("X-API-Key", "demo-acme-auditor"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(1))
			.andExpect(jsonPath("$.items[0].action").value("lead.created"))
			.andExpect(jsonPath("$.items[0].actor").value(startsWith("demo marketer")))
			.andExpect(jsonPath("$.items[0].actorKind").value("API_KEY"))
			.andExpect(jsonPath("$.items[0].targetType").value("lead"))
			.andExpect(jsonPath("$.items[0].targetId").value("AUD-1"))
			.andExpect(jsonPath("$.items[0].details.origin").value("API"));
		mvc.perform(get("/api/audit/events").param("action", "access.denied").header("X-API-Key", "demo-acme-admin"))
			.andExpect(jsonPath("$.items[0].actor").value(startsWith("demo rep")))
			.andExpect(jsonPath("$.items[0].targetId").value("GET /api/admin/users"));
		mvc.perform(get("/api/audit/events").param("action", "api-key.*").header("X-API-Key", "demo-acme-admin"))
			.andExpect(jsonPath("$.items[*].action", hasItem("api-key.created")));
		// Another tenant's trail holds none of it.
		mvc.perform(get("/api/audit/events").param("targetId", "AUD-1").header("X-API-Key", "demo-globex-auditor"))
			.andExpect(jsonPath("$.total").value(0));

		mvc.perform(get("/api/audit/verify").header("X-API-Key", "demo-acme-auditor"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.valid").value(true))
			.andExpect(jsonPath("$.firstBrokenAt").doesNotExist());
	}

	@Test
	void signInsAreAuditedSuccessfulOrNot() throws Exception {
		mvc.perform(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin("/login")
			.user("globex.reviewer").password("not-the-password")).andExpect(status().is3xxRedirection());
		mvc.perform(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin("/login")
			.user("globex.reviewer").password("groundwork-demo")).andExpect(status().is3xxRedirection());
		mvc.perform(get("/api/audit/events").param("action", "login.*").param("actor", "globex.reviewer")
			.header("X-API-Key", "demo-globex-auditor"))
			.andExpect(jsonPath("$.items[0].action").value("login.succeeded"))
			.andExpect(jsonPath("$.items[1].action").value("login.failed"))
			.andExpect(jsonPath("$.items[0].actorKind").value("USER"))
			.andExpect(jsonPath("$.items[0].requestId").isNotEmpty());
		mvc.perform(get("/api/audit/events").param("action", "login.*").header("X-API-Key", "demo-acme-auditor"))
			.andExpect(jsonPath("$.items[*].actor", org.hamcrest.Matchers.not(hasItem("globex.reviewer"))));
	}

	@Test
	void aChangedARemovedAndTwoSwappedEntriesAreEachDetected() {
		appendSome(acme, 6);
		long head = head(acme);
		assertThat(trail.verify(acme).valid()).isTrue();
		assertThat(trail.verify(acme).entries()).isEqualTo(head);
		long target = head - 3;

		// A changed entry: its content no longer matches its hash.
		jdbc.sql("UPDATE audit_event SET actor = 'somebody else' WHERE tenant_id = ? AND seq = ?").params(acme.value(), target).update();
		var changed = trail.verify(acme);
		assertThat(changed.valid()).isFalse();
		assertThat(changed.firstBrokenAt()).isEqualTo(target);
		jdbc.sql("UPDATE audit_event SET actor = 'test' WHERE tenant_id = ? AND seq = ?").params(acme.value(), target).update();
		assertThat(trail.verify(acme).valid()).isTrue();

		// Changed details, hash untouched.
		var details = jdbc.sql("SELECT details FROM audit_event WHERE tenant_id = ? AND seq = ?").params(acme.value(), target)
			.query(String.class).single();
		jdbc.sql("UPDATE audit_event SET details = ? WHERE tenant_id = ? AND seq = ?")
			.params(details.replace("}", ",\"x\":1}"), acme.value(), target).update();
		assertThat(trail.verify(acme).firstBrokenAt()).isEqualTo(target);
		jdbc.sql("UPDATE audit_event SET details = ? WHERE tenant_id = ? AND seq = ?").params(details, acme.value(), target).update();

		// A removed entry: a gap.
		var removed = jdbc.sql("SELECT * FROM audit_event WHERE tenant_id = ? AND seq = ?").params(acme.value(), target)
			.query().singleRow();
		jdbc.sql("DELETE FROM audit_event WHERE tenant_id = ? AND seq = ?").params(acme.value(), target).update();
		var gap = trail.verify(acme);
		assertThat(gap.valid()).isFalse();
		assertThat(gap.firstBrokenAt()).isEqualTo(target);
		reinsert(removed);
		assertThat(trail.verify(acme).valid()).isTrue();

		// Two entries swapped.
		swap(target, target + 1);
		var swapped = trail.verify(acme);
		assertThat(swapped.valid()).isFalse();
		assertThat(swapped.firstBrokenAt()).isEqualTo(target);
		swap(target, target + 1);
		assertThat(trail.verify(acme).valid()).isTrue();

		// The newest entry removed: the chain stops short of its head.
		var last = jdbc.sql("SELECT * FROM audit_event WHERE tenant_id = ? AND seq = ?").params(acme.value(), head)
			.query().singleRow();
		jdbc.sql("DELETE FROM audit_event WHERE tenant_id = ? AND seq = ?").params(acme.value(), head).update();
		assertThat(trail.verify(acme).firstBrokenAt()).isEqualTo(head);
		reinsert(last);
		assertThat(trail.verify(acme).valid()).isTrue();
	}

	@Test
	void exportsJsonLinesAndRefusesBadParameters() throws Exception {
		appendSome(acme, 3);
		var lines = mvc.perform(get("/api/audit/export").param("action", "test.*").header("X-API-Key", "demo-acme-auditor"))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("application/x-ndjson"))
			.andReturn().getResponse().getContentAsString().lines().toList();
		assertThat(lines).hasSizeGreaterThanOrEqualTo(3);
		var seqs = lines.stream().map(line -> mapper.readTree(line).path("seq").asLong()).toList();
		assertThat(seqs).isSorted();
		assertThat(lines).allSatisfy(line -> assertThat(mapper.readTree(line).path("action").asString()).startsWith("test."));
		mvc.perform(get("/api/audit/events").param("action", "audit.exported").header("X-API-Key", "demo-acme-auditor"))
			.andExpect(jsonPath("$.items[*].action", everyItem(org.hamcrest.Matchers.is("audit.exported"))))
			.andExpect(jsonPath("$.total").value(org.hamcrest.Matchers.greaterThanOrEqualTo(1)));

		mvc.perform(get("/api/audit/events").param("size", "2").param("page", "1").header("X-API-Key", "demo-acme-auditor"))
			.andExpect(jsonPath("$.items.length()").value(2))
			.andExpect(jsonPath("$.page").value(1));
		mvc.perform(get("/api/audit/events").param("size", "9999").header("X-API-Key", "demo-acme-auditor"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		mvc.perform(get("/api/audit/events").param("from", "yesterday").header("X-API-Key", "demo-acme-auditor"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("from"));
	}

	@Test
	void retentionRemovesTheOldestEntriesAndTheChainStillVerifies() {
		appendSome(globex, 3);
		long before = head(globex);
		// As if a year and a half had passed: everything is older than the 400 days kept.
		int removed = retention.prune(globex, java.time.Instant.now().plus(Duration.ofDays(550)));
		assertThat(removed).isEqualTo(before);
		var anchor = jdbc.sql("SELECT seq FROM audit_anchor WHERE tenant_id = ?").param(globex.value()).query(Long.class).single();
		assertThat(anchor).isEqualTo(before);
		var verification = trail.verify(globex);
		assertThat(verification.valid()).isTrue();
		assertThat(verification.entries()).isEqualTo(1); // the retention's own entry
		appendSome(globex, 2);
		assertThat(trail.verify(globex).valid()).isTrue();
		// Removing the first entry after the anchor is still detected.
		jdbc.sql("DELETE FROM audit_event WHERE tenant_id = ? AND seq = ?").params(globex.value(), before + 1).update();
		assertThat(trail.verify(globex).firstBrokenAt()).isEqualTo(before + 1);
	}

	@Test
	void concurrentTransactionsAreChainedAtTheirCommitsAndARolledBackOneLeavesNothing(
			@Autowired org.springframework.transaction.support.TransactionTemplate transactions) throws Exception {
		long before = head(acme);
		transactions.executeWithoutResult(status -> {
			audit.append(acme, new AuditRecord("SYSTEM", "test", "test.rolled-back", "test", "R-1", null, Map.of()));
			status.setRollbackOnly();
		});
		assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'test.rolled-back'").query(Long.class).single())
			.isZero();
		assertThat(head(acme)).isEqualTo(before);

		int threads = 8;
		int perThread = 15;
		try (var pool = java.util.concurrent.Executors.newFixedThreadPool(threads)) {
			var done = new java.util.ArrayList<java.util.concurrent.Future<?>>();
			for (int t = 0; t < threads; t++) {
				int thread = t;
				done.add(pool.submit(() -> {
					for (int i = 0; i < perThread; i++) {
						var target = "C-" + thread + "-" + i;
						transactions.executeWithoutResult(status -> {
							audit.append(acme, new AuditRecord("SYSTEM", "test", "test.first", "test", target, null,
									Map.of("i", 1)));
							audit.append(acme, new AuditRecord("SYSTEM", "test", "test.second", "test", target, null,
									Map.of("i", 2)));
						});
					}
				}));
			}
			for (var future : done) {
				future.get();
			}
		}
		assertThat(head(acme)).isEqualTo(before + 2L * threads * perThread);
		assertThat(trail.verify(acme).valid()).isTrue();
		// the two entries of one transaction are neighbours, in the order they were appended
		var gaps = jdbc.sql("""
				SELECT COUNT(*) FROM audit_event f JOIN audit_event s ON s.tenant_id = f.tenant_id
				  AND s.target_id = f.target_id AND s.action = 'test.second'
				WHERE f.tenant_id = ? AND f.action = 'test.first' AND s.seq <> f.seq + 1""")
			.param(acme.value())
			.query(Long.class)
			.single();
		assertThat(gaps).isZero();
	}

	@Autowired
	AuditService audit;

	private void appendSome(TenantId tenant, int count) {
		for (int i = 0; i < count; i++) {
			audit.append(tenant, new AuditRecord("SYSTEM", "test", "test.entry", "test", "T-" + i, null,
					Map.of("n", i, "list", List.of("a", "b"), "text", "quote \" and \u00e9")));
		}
	}

	private long head(TenantId tenant) {
		return jdbc.sql("SELECT seq FROM audit_head WHERE tenant_id = ?").param(tenant.value()).query(Long.class).single();
	}

	private void swap(long a, long b) {
		jdbc.sql("UPDATE audit_event SET seq = -1 WHERE tenant_id = ? AND seq = ?").params(acme.value(), a).update();
		jdbc.sql("UPDATE audit_event SET seq = ? WHERE tenant_id = ? AND seq = ?").params(a, acme.value(), b).update();
		jdbc.sql("UPDATE audit_event SET seq = ? WHERE tenant_id = ? AND seq = -1").params(b, acme.value()).update();
	}

	private void reinsert(Map<String, Object> row) {
		var columns = String.join(", ", row.keySet());
		var marks = String.join(", ", row.keySet().stream().map(key -> "?").toList());
		jdbc.sql("INSERT INTO audit_event (" + columns + ") VALUES (" + marks + ")").params(new java.util.ArrayList<>(row.values())).update();
	}

	private TenantId tenant(String slug) {
		return tenants.all().stream().filter(tenant -> tenant.slug().equals(slug)).findFirst().orElseThrow().id();
	}
}
