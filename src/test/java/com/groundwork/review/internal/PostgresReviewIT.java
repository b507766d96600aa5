package com.groundwork.review.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.groundwork.identity.Actor;
import com.groundwork.identity.Role;
import com.groundwork.identity.TenantId;
import com.groundwork.support.PgvectorServer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The review state machine on PostgreSQL 17: the migration, a real concurrent claim with exactly one winner (READ
 * COMMITTED re-evaluates the versioned UPDATE of the losers), lease expiry, and the database's own refusal of
 * illegal moves and of approvals by the requester.
 */
@SpringBootTest(properties = "groundwork.demo.enabled=true")
@ActiveProfiles("postgres")
class PostgresReviewIT {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		PgvectorServer.useFreshDatabase(registry, "review_it");
	}

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ReviewRepository items;

	@Autowired
	ReviewService reviews;

	/** An item in the queue, as a DraftChecked would have put it there. */
	private ReviewItem queued(TenantId tenant) {
		var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		var draftId = UUID.randomUUID();
		var item = new ReviewItem(draftId, tenant, draftId, ReviewState.CHECKED, 0, "PASSED", 0, List.of(), "L-1001", 70,
				"intro", "api", null, "acme.rep", now, now, null, null, null, null, null, null, null, null, null, null,
				null, 80);
		items.insert(item);
		return item;
	}

	private TenantId acme() {
		return new TenantId(jdbc.sql("SELECT id FROM tenant WHERE slug = 'acme'").query(UUID.class).single());
	}

	private Actor reviewer(TenantId tenant, String name) {
		return new Actor(Actor.Kind.USER, UUID.randomUUID(), name, tenant, "acme", "Acme Corp", Set.of(Role.REVIEWER),
				false);
	}

	@Test
	void ofManyReviewersClaimingAtOnceExactlyOneWinsOnPostgres() throws Exception {
		var tenant = acme();
		for (int round = 0; round < 5; round++) {
			var item = queued(tenant);
			int reviewers = 8;
			var barrier = new CyclicBarrier(reviewers);
			var outcomes = new ArrayList<Future<String>>();
			try (var threads = Executors.newFixedThreadPool(reviewers)) {
				for (int i = 0; i < reviewers; i++) {
					var actor = reviewer(tenant, "racer." + i);
					outcomes.add(threads.submit(() -> {
						barrier.await();
						try {
							return "won " + reviews.claim(actor, item.draftId()).claimedBy();
						}
						catch (ReviewProblems.IllegalTransitionException lost) {
							return "lost " + lost.state();
						}
					}));
				}
				var results = new ArrayList<String>();
				for (var outcome : outcomes) {
					results.add(outcome.get());
				}
				assertThat(results.stream().filter(result -> result.startsWith("won"))).as("round %d", round).hasSize(1);
				assertThat(results.stream().filter(result -> result.startsWith("lost"))).allMatch("lost IN_REVIEW"::equals);
			}
			var stored = items.findById(tenant, item.id()).orElseThrow();
			assertThat(stored.version()).isEqualTo(1);
			assertThat(stored.state()).isEqualTo(ReviewState.IN_REVIEW);
		}
	}

	@Test
	void leasesExpireAndTheDatabaseRefusesIllegalMovesOnPostgres() {
		var tenant = acme();
		var item = queued(tenant);
		var claimed = reviews.claim(reviewer(tenant, "first.reviewer"), item.draftId());
		jdbc.sql("UPDATE review_item SET lease_expires_at = ? WHERE id = ?")
			.params(Instant.now().minusSeconds(5).atOffset(ZoneOffset.UTC), claimed.id())
			.update();
		reviews.expireAllLeases();
		assertThat(items.findById(tenant, item.id()).orElseThrow().state()).isEqualTo(ReviewState.CHECKED);
		assertThat(reviews.claim(reviewer(tenant, "second.reviewer"), item.draftId()).claimedBy()).isEqualTo("second.reviewer");

		// CHECKED → RELEASED is no transition; a requester approving is no approval; BLOCKED has no way out
		var other = queued(tenant);
		assertThatThrownBy(() -> jdbc.sql("UPDATE review_item SET previous_state = state, state = 'RELEASED', released_at = now() WHERE id = ?")
			.params(other.id())
			.update()).isInstanceOf(DataIntegrityViolationException.class);
		assertThatThrownBy(() -> jdbc.sql("""
				UPDATE review_item SET previous_state = state, state = 'APPROVED', approved_by = requested_by,
				  approved_at = now(), approved_subject = 's', approved_body = 'b', claimed_by = NULL, lease_expires_at = NULL
				WHERE id = ?""").params(item.id()).update()).isInstanceOf(DataIntegrityViolationException.class);
		jdbc.sql("UPDATE review_item SET previous_state = state, state = 'BLOCKED', verdict = 'BLOCKED' WHERE id = ?")
			.params(other.id())
			.update();
		assertThatThrownBy(() -> jdbc.sql("UPDATE review_item SET previous_state = state, state = 'CHECKED' WHERE id = ?")
			.params(other.id())
			.update()).isInstanceOf(DataIntegrityViolationException.class);
	}
}
