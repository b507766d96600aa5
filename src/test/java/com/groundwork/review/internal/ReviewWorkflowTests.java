package com.groundwork.review.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.groundwork.drafting.DraftSummary;
import com.groundwork.drafting.DraftingFixtures;
import com.groundwork.drafting.Drafts;
import com.groundwork.guardrail.Guardrails;
import com.groundwork.guardrail.Severity;
import com.groundwork.identity.Actor;
import com.groundwork.identity.Role;
import com.groundwork.identity.TenantId;
import com.groundwork.identity.Tenants;
import com.groundwork.knowledge.KnowledgeIngestion;
import com.groundwork.lead.LeadFeatures;
import com.groundwork.review.DraftApproved;
import com.groundwork.review.DraftRejected;
import com.groundwork.review.ReviewFixtures;
import com.groundwork.review.ReviewQueue;
import com.groundwork.search.PassageSearch;
import com.jayway.jsonpath.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The review queue through its API on the embedded default (H2): entry by DraftChecked, the state machine and its
 * 409s, leases and their expiry, a real concurrent claim, segregation of duties, edit re-check, rejection and rework,
 * bulk approval, ordering and filters, and the database's own refusal of illegal moves.
 */
@SpringBootTest(properties = "groundwork.review.channels.acme.outbox.enabled=false")
@AutoConfigureMockMvc
@RecordApplicationEvents
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReviewWorkflowTests {

	private static final String REVIEWER = "demo-acme-reviewer";
	private static final String ADMIN = "demo-acme-admin";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ReviewService reviews;

	@Autowired
	ReviewQueue queue;

	@Autowired
	ApplicationEvents events;

	private ReviewFixtures fixtures;
	private TenantId acme;
	private String reviewerName;
	private String adminName;

	@BeforeAll
	void setUp(@Autowired KnowledgeIngestion ingestion, @Autowired PassageSearch search, @Autowired Tenants tenants,
			@Autowired Drafts drafts, @Autowired Guardrails guardrails, @Autowired LeadFeatures leadFeatures,
			@Autowired PlatformTransactionManager transactions) throws Exception {
		acme = DraftingFixtures.tenant(tenants, "acme");
		DraftingFixtures.ingest(ingestion, search, acme, DraftingFixtures.DOCUMENTS);
		fixtures = new ReviewFixtures(drafts, guardrails, leadFeatures, transactions, jdbc);
		reviewerName = JsonPath.read(body(get("/api/me"), REVIEWER), "$.name");
		adminName = JsonPath.read(body(get("/api/me"), ADMIN), "$.name");
	}

	private DraftSummary queued(String lead, String angle, com.groundwork.guardrail.Verdict verdict) {
		var draft = fixtures.generate(acme, "acme", lead, angle, "acme.rep");
		fixtures.queueWith(draft, verdict);
		return draft;
	}

	@Test
	void aCheckedDraftWaitsInTheQueueWithItsFindingsLeadAndAge() throws Exception {
		var draft = queued("L-1001", "intro", ReviewFixtures.with(Severity.WARNING, "tone.exclamation", "great!"));
		mvc.perform(get("/api/review/queue").header("X-API-Key", REVIEWER))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[?(@.draftId == '%s')].state", draft.id()).value("CHECKED"))
			.andExpect(jsonPath("$.items[?(@.draftId == '%s')].findings", draft.id()).value(1))
			.andExpect(jsonPath("$.items[?(@.draftId == '%s')].verdict", draft.id()).value("PASSED"))
			.andExpect(jsonPath("$.items[?(@.draftId == '%s')].lead.externalId", draft.id()).value("L-1001"))
			.andExpect(jsonPath("$.items[?(@.draftId == '%s')].lead.score", draft.id()).value(draft.leadScore()))
			.andExpect(jsonPath("$.items[?(@.draftId == '%s')].ageSeconds", draft.id()).isNotEmpty())
			.andExpect(jsonPath("$.items[?(@.draftId == '%s')].age", draft.id()).value(Matchers.hasItem(Matchers.startsWith("PT"))));
		// other tenants see neither the item nor the draft
		mvc.perform(get("/api/review/queue").header("X-API-Key", "demo-globex-reviewer"))
			.andExpect(jsonPath("$.items[?(@.draftId == '%s')]", draft.id()).isEmpty());
		mvc.perform(get("/api/review/" + draft.id()).header("X-API-Key", "demo-globex-reviewer"))
			.andExpect(status().isNotFound());
		// reps may not review
		mvc.perform(get("/api/review/queue").header("X-API-Key", "demo-acme-rep")).andExpect(status().isForbidden());
	}

	@Test
	void aBlockedDraftIsNeverClaimedApprovedOrReleasedNotEvenByTheDatabase() throws Exception {
		var draft = queued("L-1003", "intro", ReviewFixtures.with(Severity.BLOCK, "pii.credit-card", "4111…"));
		var id = draft.id();
		mvc.perform(get("/api/review/" + id).header("X-API-Key", REVIEWER)).andExpect(jsonPath("$.state").value("BLOCKED"));
		mvc.perform(get("/api/review/queue").header("X-API-Key", REVIEWER))
			.andExpect(jsonPath("$.items[?(@.draftId == '%s')]", id).isEmpty());
		for (var action : List.of("claim", "approve", "release")) {
			conflict(post("/api/review/" + id + "/" + action), REVIEWER, "BLOCKED");
		}
		mvc.perform(post("/api/review/bulk-approve").header("X-API-Key", REVIEWER)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"draftIds\":[\"" + id + "\"]}"))
			.andExpect(jsonPath("$.approved").isEmpty())
			.andExpect(jsonPath("$.skipped[0].state").value("BLOCKED"));
		// Java is not the only guard: the database refuses the move, and a blocked verdict in an approved row
		for (var sql : List.of(
				"UPDATE review_item SET previous_state = state, state = 'APPROVED', approved_by = 'x', approved_at = now(), approved_subject = 's', approved_body = 'b' WHERE draft_id = ?",
				"UPDATE review_item SET previous_state = 'IN_REVIEW', state = 'APPROVED', approved_by = 'x', approved_at = now(), approved_subject = 's', approved_body = 'b' WHERE draft_id = ?",
				"UPDATE review_item SET previous_state = 'APPROVED', state = 'RELEASED', released_at = now() WHERE draft_id = ?")) {
			assertThatThrownBy(() -> jdbc.sql(sql).params(id).update()).isInstanceOf(DataIntegrityViolationException.class);
		}
	}

	@Test
	void claimingLeasesTheDraftRenewsForTheHolderAndRefusesOthers() throws Exception {
		var id = queued("L-1004", "intro", ReviewFixtures.clean()).id();
		var claimed = body(post("/api/review/" + id + "/claim"), REVIEWER);
		assertThat((String) JsonPath.read(claimed, "$.state")).isEqualTo("IN_REVIEW");
		assertThat((String) JsonPath.read(claimed, "$.claimedBy")).isEqualTo(reviewerName);
		var lease = Instant.parse(JsonPath.read(claimed, "$.leaseExpiresAt"));
		assertThat(Duration.between(Instant.now(), lease)).isBetween(Duration.ofMinutes(9), Duration.ofMinutes(10));

		Thread.sleep(20);
		var renewed = Instant.parse(JsonPath.read(body(post("/api/review/" + id + "/claim"), REVIEWER), "$.leaseExpiresAt"));
		assertThat(renewed).isAfter(lease);

		conflict(post("/api/review/" + id + "/claim"), ADMIN, "IN_REVIEW")
			.andExpect(jsonPath("$.detail").value(Matchers.containsString("claimed by " + reviewerName)));
		conflict(post("/api/review/" + id + "/approve"), ADMIN, "IN_REVIEW");
		mvc.perform(get("/api/review/" + id).header("X-API-Key", REVIEWER))
			.andExpect(jsonPath("$.decisions[*].action").value(Matchers.containsInRelativeOrder("ENQUEUED", "CLAIMED", "RENEWED")));
	}

	@Test
	void illegalTransitionsAre409sNamingTheCurrentState() throws Exception {
		var id = queued("L-1005", "intro", ReviewFixtures.clean()).id();
		conflict(post("/api/review/" + id + "/approve"), REVIEWER, "CHECKED")
			.andExpect(jsonPath("$.detail").value(Matchers.containsString("claim it first")))
			.andExpect(jsonPath("$.allowed").value(Matchers.hasItem("IN_REVIEW")));
		conflict(post("/api/review/" + id + "/release"), REVIEWER, "CHECKED");
		mvc.perform(post("/api/review/" + id + "/claim").header("X-API-Key", REVIEWER)).andExpect(status().isOk());
		mvc.perform(post("/api/review/" + id + "/approve").header("X-API-Key", REVIEWER))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("APPROVED"))
			.andExpect(jsonPath("$.approvedBy").value(reviewerName))
			.andExpect(jsonPath("$.claimedBy").doesNotExist());
		conflict(post("/api/review/" + id + "/approve"), REVIEWER, "APPROVED");
		conflict(post("/api/review/" + id + "/claim"), REVIEWER, "APPROVED");
		// this context turns acme's outbox off and configures no other delivery channel
		mvc.perform(post("/api/review/" + id + "/release").header("X-API-Key", REVIEWER))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.title").value("No delivery channel"))
			.andExpect(jsonPath("$.detail").value(Matchers.containsString("groundwork.review.channels.acme.webhook")))
			.andExpect(jsonPath("$.detail").value(Matchers.containsString(".outbox (enabled: true")));
		conflictWithBody(post("/api/review/" + id + "/reject"), REVIEWER, "{\"reason\":\"tone\"}", "APPROVED");
		// globex cannot tell the draft exists
		mvc.perform(post("/api/review/" + id + "/claim").header("X-API-Key", "demo-globex-reviewer"))
			.andExpect(status().isNotFound());
		// a draft whose check has not reached the queue yet is GENERATED; an unknown one is 404
		var unchecked = fixtures.generate(acme, "acme", "L-1006", "intro", "acme.rep");
		fixtures.awaitQueued(acme, unchecked.id());
		for (var table : List.of("review_decision", "review_item_draft", "review_item")) {
			jdbc.sql("DELETE FROM " + table + (table.equals("review_item") ? " WHERE id = ?" : " WHERE item_id = ?"))
				.params(unchecked.id())
				.update();
		}
		conflict(post("/api/review/" + unchecked.id() + "/claim"), REVIEWER, "GENERATED");
		mvc.perform(post("/api/review/" + UUID.randomUUID() + "/claim").header("X-API-Key", REVIEWER))
			.andExpect(status().isNotFound());
	}

	@Test
	void anExpiredLeaseReturnsTheDraftToTheQueue() throws Exception {
		var id = queued("L-1007", "intro", ReviewFixtures.clean()).id();
		mvc.perform(post("/api/review/" + id + "/claim").header("X-API-Key", REVIEWER)).andExpect(status().isOk());
		// ten minutes pass
		jdbc.sql("UPDATE review_item SET lease_expires_at = ? WHERE draft_id = ?")
			.params(Instant.now().minusSeconds(1).atOffset(ZoneOffset.UTC), id)
			.update();
		mvc.perform(get("/api/review/queue").header("X-API-Key", ADMIN))
			.andExpect(jsonPath("$.items[?(@.draftId == '%s')].state", id).value("CHECKED"))
			.andExpect(jsonPath("$.items[?(@.draftId == '%s')].claimedBy", id).value(Matchers.contains((Object) null)));
		conflict(post("/api/review/" + id + "/approve"), REVIEWER, "CHECKED");
		mvc.perform(post("/api/review/" + id + "/claim").header("X-API-Key", ADMIN))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.claimedBy").value(adminName));
		mvc.perform(get("/api/review/" + id).header("X-API-Key", ADMIN))
			.andExpect(jsonPath("$.decisions[*].action").value(Matchers.containsInRelativeOrder("ENQUEUED", "CLAIMED", "LEASE_EXPIRED", "CLAIMED")));

		// the background sweep does the same without anyone reading the queue
		jdbc.sql("UPDATE review_item SET lease_expires_at = ? WHERE draft_id = ?")
			.params(Instant.now().minusSeconds(1).atOffset(ZoneOffset.UTC), id)
			.update();
		reviews.expireAllLeases();
		assertThat(jdbc.sql("SELECT state FROM review_item WHERE draft_id = ?").params(id).query(String.class).single())
			.isEqualTo("CHECKED");
	}

	@Test
	void ofManyReviewersClaimingAtOnceExactlyOneWins() throws Exception {
		var id = queued("L-1008", "intro", ReviewFixtures.clean()).id();
		long version = jdbc.sql("SELECT version FROM review_item WHERE draft_id = ?").params(id).query(Long.class).single();
		int reviewers = 8;
		var barrier = new CyclicBarrier(reviewers);
		var outcomes = new ArrayList<Future<String>>();
		try (var threads = Executors.newFixedThreadPool(reviewers)) {
			for (int i = 0; i < reviewers; i++) {
				var actor = new Actor(Actor.Kind.USER, UUID.randomUUID(), "racer." + i, acme, "acme", "Acme Corp",
						Set.of(Role.REVIEWER), false);
				outcomes.add(threads.submit(() -> {
					barrier.await();
					try {
						return "won by " + reviews.claim(actor, id).claimedBy();
					}
					catch (ReviewProblems.IllegalTransitionException lost) {
						return "lost: " + lost.state();
					}
				}));
			}
			var results = new ArrayList<String>();
			for (var outcome : outcomes) {
				results.add(outcome.get());
			}
			assertThat(results.stream().filter(result -> result.startsWith("won"))).hasSize(1);
			assertThat(results.stream().filter(result -> result.startsWith("lost"))).hasSize(reviewers - 1)
				.allMatch(result -> result.equals("lost: IN_REVIEW"));
		}
		assertThat(jdbc.sql("SELECT COUNT(*) FROM review_decision WHERE draft_id = ? AND action = 'CLAIMED'")
			.params(id)
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(jdbc.sql("SELECT version FROM review_item WHERE draft_id = ?").params(id).query(Long.class).single())
			.isEqualTo(version + 1);
	}

	@Test
	void theRequesterOfADraftMayNotApproveIt() throws Exception {
		// the admin asks for a draft through the API: they are its requester
		var created = body(post("/api/drafts").contentType(MediaType.APPLICATION_JSON)
			.content("{\"leadExternalId\":\"L-1012\",\"angle\":\"intro\"}"), ADMIN);
		var draft = fixtures.find(acme, UUID.fromString(JsonPath.read(created, "$.id")));
		assertThat(draft.requestedBy()).isEqualTo(adminName);
		fixtures.queueWith(draft, ReviewFixtures.clean());
		var id = draft.id();
		mvc.perform(post("/api/review/" + id + "/claim").header("X-API-Key", ADMIN))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.title").value("Segregation of duties"));
		mvc.perform(post("/api/review/" + id + "/approve").header("X-API-Key", ADMIN)).andExpect(status().isForbidden());
		mvc.perform(post("/api/review/bulk-approve").header("X-API-Key", ADMIN)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"draftIds\":[\"" + id + "\"]}"))
			.andExpect(jsonPath("$.approved").isEmpty())
			.andExpect(jsonPath("$.skipped[0].reason").value(Matchers.containsString("you requested it")));
		// another reviewer may
		mvc.perform(post("/api/review/" + id + "/claim").header("X-API-Key", REVIEWER)).andExpect(status().isOk());
		mvc.perform(post("/api/review/" + id + "/approve").header("X-API-Key", REVIEWER)).andExpect(status().isOk());
		// and the database refuses an approval by the requester whatever Java does
		assertThatThrownBy(() -> jdbc.sql("UPDATE review_item SET approved_by = requested_by WHERE draft_id = ?")
			.params(id)
			.update()).isInstanceOf(DataIntegrityViolationException.class);
	}

	@Test
	void anEditIsReCheckedAndNewFindingsBlockItsApproval() throws Exception {
		var draft = fixtures.generate(acme, "acme", "L-1010", "case-study", "acme.rep");
		var verdict = fixtures.checkAndQueue(draft);
		var id = draft.id();
		mvc.perform(post("/api/review/" + id + "/claim").header("X-API-Key", REVIEWER)).andExpect(status().isOk());

		var invented = draft.body().replace(draft.callToAction(),
				"Customers like you cut costs by 97% in 3 weeks with Acme. " + draft.callToAction());
		var refused = mvc.perform(post("/api/review/" + id + "/approve").header("X-API-Key", REVIEWER)
			.contentType(MediaType.APPLICATION_JSON)
			.content(json(Map.of("body", invented, "comment", "stronger claim"))))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.title").value("Edit not approved"))
			.andExpect(jsonPath("$.findings").isNotEmpty())
			.andExpect(jsonPath("$.findings[*].severity").value(Matchers.everyItem(Matchers.oneOf("REPAIR", "BLOCK"))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(refused).contains("97%");
		mvc.perform(get("/api/review/" + id).header("X-API-Key", REVIEWER))
			.andExpect(jsonPath("$.state").value("IN_REVIEW"))
			.andExpect(jsonPath("$.decisions[-1].action").value("EDIT_REFUSED"))
			.andExpect(jsonPath("$.decisions[-1].findings").isNotEmpty());

		var edited = draft.body().replaceFirst("^Hi ", "Hello ");
		var subject = draft.subject() + "?";
		mvc.perform(post("/api/review/" + id + "/approve").header("X-API-Key", REVIEWER)
			.contentType(MediaType.APPLICATION_JSON)
			.content(json(Map.of("subject", subject, "body", edited, "comment", "warmer greeting"))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("APPROVED"))
			.andExpect(jsonPath("$.subject").value(subject))
			.andExpect(jsonPath("$.body").value(ReviewService.normalize(edited)))
			.andExpect(jsonPath("$.decisions[-1].action").value("APPROVED"))
			.andExpect(jsonPath("$.decisions[-1].actor").value(reviewerName))
			.andExpect(jsonPath("$.decisions[-1].comment").value("warmer greeting"))
			.andExpect(jsonPath("$.decisions[-1].editDistance").value(2)) // Hi→Hello, results→results?
			.andExpect(jsonPath("$.decisions[-1].diff.body[0].op").value("DELETE"))
			.andExpect(jsonPath("$.decisions[-1].diff.body[0].text").value("Hi"))
			.andExpect(jsonPath("$.decisions[-1].diff.body[1].op").value("INSERT"))
			.andExpect(jsonPath("$.decisions[-1].diff.body[1].text").value("Hello"))
			.andExpect(jsonPath("$.decisions[-1].originalBody").value(draft.body()))
			.andExpect(jsonPath("$.decisions[-1].finalBody").value(ReviewService.normalize(edited)));
		assertThat(events.stream(DraftApproved.class).filter(event -> event.draftId().equals(id)))
			.singleElement()
			.satisfies(event -> {
				assertThat(event.edited()).isTrue();
				assertThat(event.editDistance()).isEqualTo(2);
				assertThat(event.approvedBy()).isEqualTo(reviewerName);
			});
		assertThat(verdict.name()).isNotEqualTo("BLOCKED");
	}

	@Test
	void aRejectionNeedsAConfiguredReasonAndReworkRegeneratesTheDraft() throws Exception {
		var draft = queued("L-1013", "follow-up", ReviewFixtures.clean());
		var id = draft.id();
		mvc.perform(post("/api/review/" + id + "/claim").header("X-API-Key", REVIEWER)).andExpect(status().isOk());
		mvc.perform(post("/api/review/" + id + "/reject").header("X-API-Key", REVIEWER)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"reason\":\"meh\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("reason"))
			.andExpect(jsonPath("$.detail").value(Matchers.containsString("unsupported-claim")));
		mvc.perform(post("/api/review/" + id + "/reject").header("X-API-Key", REVIEWER)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"reason\":\"unsupported-claim\",\"comment\":\"Lead with the dock scheduling result\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("REJECTED"))
			.andExpect(jsonPath("$.rejectionReason").value("unsupported-claim"));
		assertThat(events.stream(DraftRejected.class).filter(event -> event.draftId().equals(id))).singleElement()
			.satisfies(event -> {
				assertThat(event.rework()).isTrue();
				assertThat(event.comment()).isEqualTo("Lead with the dock scheduling result");
			});

		// rework: regenerated with the reason as guidance, then checked like any draft (the pipeline records its
		// verdict, and its DraftChecked puts the regenerated draft under review in place of the rejected one)
		await().atMost(Duration.ofSeconds(30)).until(() -> !id.equals(jdbc
			.sql("SELECT draft_id FROM review_item WHERE id = ?")
			.params(id)
			.query(UUID.class)
			.single()));
		var regeneratedId = jdbc.sql("SELECT draft_id FROM review_item WHERE id = ?").params(id).query(UUID.class).single();
		var regenerated = fixtures.find(acme, regeneratedId);
		assertThat(regenerated.requestedBy()).isEqualTo("acme.rep");
		assertThat(regenerated.leadExternalId()).isEqualTo("L-1013");
		assertThat(regenerated.angle()).isEqualTo("follow-up");
		fixtures.queueWith(regenerated, ReviewFixtures.clean());
		mvc.perform(get("/api/review/" + regeneratedId).header("X-API-Key", REVIEWER))
			.andExpect(jsonPath("$.state").value("CHECKED"))
			.andExpect(jsonPath("$.itemId").value(id.toString()))
			.andExpect(jsonPath("$.rejectionReason").value("unsupported-claim"))
			.andExpect(jsonPath("$.decisions[*].action").value(Matchers.containsInRelativeOrder("ENQUEUED", "CLAIMED", "REJECTED", "REWORK", "ENQUEUED")));
		mvc.perform(post("/api/review/" + id + "/claim").header("X-API-Key", REVIEWER))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.currentDraftId").value(regeneratedId.toString()));

		// a reason without rework leaves the draft rejected
		var other = queued("L-1014", "intro", ReviewFixtures.clean()).id();
		mvc.perform(post("/api/review/" + other + "/claim").header("X-API-Key", REVIEWER)).andExpect(status().isOk());
		mvc.perform(post("/api/review/" + other + "/reject").header("X-API-Key", REVIEWER)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"reason\":\"do-not-contact\"}")).andExpect(status().isOk());
		Thread.sleep(500);
		mvc.perform(get("/api/review/" + other).header("X-API-Key", REVIEWER))
			.andExpect(jsonPath("$.state").value("REJECTED"))
			.andExpect(jsonPath("$.reworkDraftId").doesNotExist());
	}

	@Test
	void bulkApprovalTakesOnlyDraftsWithoutFindingsAndListsTheRest() throws Exception {
		var clean = queued("L-1016", "intro", ReviewFixtures.clean()).id();
		var cleanToo = queued("L-1017", "intro", ReviewFixtures.clean()).id();
		var warned = queued("L-1019", "intro", ReviewFixtures.with(Severity.WARNING, "length.long", "…")).id();
		var repair = queued("L-1020", "intro", ReviewFixtures.with(Severity.REPAIR, "grounding.number", "97%")).id();
		var unknown = UUID.randomUUID();
		var result = body(post("/api/review/bulk-approve").contentType(MediaType.APPLICATION_JSON)
			.content(json(Map.of("draftIds", List.of(clean, warned, repair, cleanToo, unknown)))), REVIEWER);
		assertThat(JsonPath.<List<String>>read(result, "$.approved")).containsExactly(clean.toString(), cleanToo.toString());
		assertThat(JsonPath.<List<String>>read(result, "$.skipped[*].draftId")).containsExactly(warned.toString(),
				repair.toString(), unknown.toString());
		assertThat(JsonPath.<List<String>>read(result, "$.skipped[0:2].reason"))
			.allSatisfy(reason -> assertThat(reason).contains("finding"));
		mvc.perform(get("/api/review/" + clean).header("X-API-Key", REVIEWER))
			.andExpect(jsonPath("$.state").value("APPROVED"))
			.andExpect(jsonPath("$.decisions[*].action").value(Matchers.containsInRelativeOrder("ENQUEUED", "CLAIMED", "APPROVED")))
			.andExpect(jsonPath("$.decisions[-1].editDistance").value(0));
		mvc.perform(get("/api/review/" + warned).header("X-API-Key", REVIEWER)).andExpect(jsonPath("$.state").value("CHECKED"));

		mvc.perform(post("/api/review/bulk-approve").header("X-API-Key", REVIEWER)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"draftIds\":[]}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("draftIds"));
	}

	@Test
	void theQueueComesOverdueFirstThenByLeadScoreAndFilters() throws Exception {
		var low = queued("L-1001", "event-invite", ReviewFixtures.clean());
		var high = queued("L-1003", "event-invite", ReviewFixtures.clean());
		var old = queued("L-1004", "event-invite", ReviewFixtures.with(Severity.REPAIR, "grounding.uncited", "x"));
		jdbc.sql("UPDATE review_item SET lead_score = 10 WHERE draft_id = ?").params(low.id()).update();
		jdbc.sql("UPDATE review_item SET lead_score = 90 WHERE draft_id = ?").params(high.id()).update();
		jdbc.sql("UPDATE review_item SET lead_score = 5, queued_at = ? WHERE draft_id = ?")
			.params(Instant.now().minus(Duration.ofHours(5)).atOffset(ZoneOffset.UTC), old.id())
			.update();
		queue.labelCampaign(acme, high.id(), "spring-push");
		var ids = JsonPath.<List<String>>read(body(get("/api/review/queue?angle=event-invite"), REVIEWER), "$.items[*].draftId");
		assertThat(ids).containsSubsequence(old.id().toString(), high.id().toString(), low.id().toString());
		mvc.perform(get("/api/review/queue?angle=event-invite").header("X-API-Key", REVIEWER))
			.andExpect(jsonPath("$.items[0].overdue").value(true))
			.andExpect(jsonPath("$.items[0].verdict").value("NEEDS_REPAIR"));
		assertThat(JsonPath.<List<String>>read(body(get("/api/review/queue?verdict=NEEDS_REPAIR&angle=event-invite"),
				REVIEWER), "$.items[*].draftId")).containsExactly(old.id().toString());
		assertThat(JsonPath.<List<String>>read(body(get("/api/review/queue?campaign=spring-push"), REVIEWER),
				"$.items[*].draftId")).containsExactly(high.id().toString());
		assertThat(queue.stateOf(acme, high.id())).contains("CHECKED");
		mvc.perform(get("/api/review/queue?verdict=GOOD").header("X-API-Key", REVIEWER))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("verdict"));
		mvc.perform(get("/api/review/queue?state=LIMBO").header("X-API-Key", REVIEWER))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("state"));
	}

	@Test
	void theQueueSortsByEmailScoreWithUnscoredDraftsLast() throws Exception {
		var fair = queued("L-1001", "re-engagement", ReviewFixtures.clean());
		var best = queued("L-1003", "re-engagement", ReviewFixtures.clean());
		var unscored = queued("L-1004", "re-engagement", ReviewFixtures.clean());
		// the queue takes each draft's score from drafting when the draft enters it
		assertThat(jdbc.sql("SELECT email_score FROM review_item WHERE draft_id = ?").param(fair.id())
			.query(Integer.class).single()).isEqualTo(fair.score().value());
		mvc.perform(get("/api/review/queue?angle=re-engagement").header("X-API-Key", REVIEWER))
			.andExpect(jsonPath("$.items[?(@.draftId == '%s')].emailScore", fair.id()).value(fair.score().value()));

		jdbc.sql("UPDATE review_item SET email_score = 55 WHERE draft_id = ?").params(fair.id()).update();
		jdbc.sql("UPDATE review_item SET email_score = 91 WHERE draft_id = ?").params(best.id()).update();
		jdbc.sql("UPDATE review_item SET email_score = NULL WHERE draft_id = ?").params(unscored.id()).update();
		assertThat(JsonPath.<List<String>>read(body(get("/api/review/queue?angle=re-engagement&sort=score"), REVIEWER),
				"$.items[*].draftId")).containsExactly(best.id().toString(), fair.id().toString(), unscored.id().toString());
		assertThat(JsonPath.<List<String>>read(body(get("/api/review/queue?angle=re-engagement&sort=score-asc"),
				REVIEWER), "$.items[*].draftId"))
			.containsExactly(fair.id().toString(), best.id().toString(), unscored.id().toString());
		mvc.perform(get("/api/review/queue?angle=re-engagement&sort=score").header("X-API-Key", REVIEWER))
			.andExpect(jsonPath("$.items[0].emailScore").value(91))
			.andExpect(jsonPath("$.items[2].emailScore").doesNotExist());
		mvc.perform(get("/api/review/queue?sort=stars").header("X-API-Key", REVIEWER))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("sort"))
			.andExpect(jsonPath("$.errors[0].message").value(Matchers.containsString("score-asc")));

		// the page orders the same way and shows the score
		var page = body(get("/review?angle=re-engagement&sort=score"), REVIEWER);
		assertThat(page).containsSubsequence("data-draft-id=\"" + best.id(), "data-draft-id=\"" + fair.id(),
				"data-draft-id=\"" + unscored.id());
		assertThat(page).contains("data-testid=\"queue-email-score\" data-score=\"91\"");
	}

	@Test
	void theJavaStateMachineIsTheDatabases() {
		var table = new HashSet<String>(jdbc.sql("SELECT from_state || '>' || to_state FROM review_transition")
			.query(String.class)
			.list());
		var java = new HashSet<String>();
		for (var from : ReviewState.values()) {
			from.next().forEach(to -> java.add(from + ">" + to));
		}
		assertThat(java).isEqualTo(table);
	}

	private ResultActions conflict(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request,
			String key, String state) throws Exception {
		return mvc.perform(request.header("X-API-Key", key))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.state").value(state))
			.andExpect(jsonPath("$.detail").value(Matchers.containsString(" is " + state)));
	}

	private ResultActions conflictWithBody(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request,
			String key, String json, String state) throws Exception {
		return conflict(request.contentType(MediaType.APPLICATION_JSON).content(json), key, state);
	}

	private String body(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, String key)
			throws Exception {
		var result = mvc.perform(request.header("X-API-Key", key)).andReturn();
		assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isBetween(200, 299);
		return result.getResponse().getContentAsString();
	}

	private static String json(Object value) {
		return tools.jackson.databind.json.JsonMapper.shared().writeValueAsString(value);
	}
}
