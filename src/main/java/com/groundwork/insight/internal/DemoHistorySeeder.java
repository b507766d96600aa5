package com.groundwork.insight.internal;

import com.groundwork.identity.TenantId;
import com.groundwork.identity.Tenants;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seeds twelve weeks of synthetic history into insight's own tables for each demo tenant at first start, so the
 * Insights page has something to show: drafts of three angles (intro with a stable and a canary prompt), three tiers
 * and three campaigns, their verdicts, decisions, releases and outcomes. The rows are marked {@code demo} and use
 * lead ids {@code H-…} that no real lead has. In tenant {@code acme} the last week blocks more drafts and its
 * retrieval scores fall, so two drift alerts show. Deterministic per tenant; a tenant with any draft is left alone.
 */
@Component
@ConditionalOnBooleanProperty(name = { "groundwork.demo.enabled", "groundwork.insight.demo-history" },
		matchIfMissing = true)
class DemoHistorySeeder {

	private static final Logger log = LoggerFactory.getLogger(DemoHistorySeeder.class);

	static final int DAYS = 84;

	private static final String[] CAMPAIGNS = { "Q3 logistics intro", "Retail case studies", "Healthcare follow-up" };

	private static final String[] BLOCKING = { "compliance.consent-required", "compliance.consent-required",
			"tone.competitor", "grounding.unsupported", "links.not-allowed" };

	private static final String[] WARNING = { "length.body", "tone.exclamations", "headers.spam-trigger" };

	private final Tenants tenants;
	private final InsightRepository repository;
	private final TransactionTemplate transactions;
	private final Clock clock;

	DemoHistorySeeder(Tenants tenants, InsightRepository repository, TransactionTemplate transactions, Clock clock) {
		this.tenants = tenants;
		this.repository = repository;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** After the demo tenants (order 0) and their leads (order 10). */
	@Order(20)
	@EventListener(ContextRefreshedEvent.class)
	public void seed() {
		for (var tenant : tenants.all()) {
			if (repository.hasAnyDraft(tenant.id())) {
				continue;
			}
			int drafts = transactions.execute(status -> seed(tenant.id(), tenant.slug(), clock.instant()));
			log.info("Seeded a demo history of {} drafts for tenant '{}' (Insights page)", drafts, tenant.slug());
		}
	}

	int seed(TenantId tenant, String slug, Instant now) {
		var random = new Random(slug.hashCode());
		boolean drifting = slug.equals("acme");
		var start = now.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(DAYS));
		var recent = now.minus(Duration.ofDays(7));
		int count = 0;
		for (int day = 0; day <= DAYS; day++) {
			var date = start.plus(Duration.ofDays(day));
			var weekday = date.atZone(ZoneOffset.UTC).getDayOfWeek();
			int perDay = weekday == DayOfWeek.SATURDAY || weekday == DayOfWeek.SUNDAY ? 3 : 11 + random.nextInt(6);
			for (int i = 0; i < perDay; i++) {
				var generated = date.plus(Duration.ofMinutes(7 * 60 + random.nextInt(11 * 60)));
				if (generated.isAfter(now)) {
					continue;
				}
				draft(tenant, random, generated, now, drifting && generated.isAfter(recent));
				count++;
			}
		}
		return count;
	}

	private void draft(TenantId tenant, Random random, Instant generated, Instant now, boolean drift) {
		var id = UUID.randomUUID();
		var lead = "H-" + (1000 + random.nextInt(400));
		double pick = random.nextDouble();
		var angle = pick < 0.5 ? "intro" : pick < 0.8 ? "follow-up" : "case-study";
		boolean canary = angle.equals("intro") && random.nextDouble() < 0.3;
		var prompt = "outreach-" + angle + "@" + (canary ? 2 : 1);
		double tierPick = random.nextDouble();
		int tier = tierPick < 0.4 ? 0 : tierPick < 0.85 ? 1 : 2;
		var model = tier == 0 ? "offline-drafter" : tier == 1 ? "gpt-4o-mini" : "gpt-4o";
		int promptTokens = tier == 0 ? 0 : 1800 + random.nextInt(900);
		int completionTokens = tier == 0 ? 0 : 180 + random.nextInt(160);
		var cost = BigDecimal.valueOf(tier == 0 ? 0 : tier == 1
				? promptTokens * 0.15e-6 + completionTokens * 0.6e-6 : promptTokens * 2.5e-6 + completionTokens * 10e-6)
			.setScale(6, RoundingMode.HALF_UP);
		boolean campaign = random.nextBoolean();
		var campaignName = campaign ? CAMPAIGNS[random.nextInt(CAMPAIGNS.length)] : null;
		var scores = new ArrayList<Double>();
		double centre = drift ? 0.71 : 0.82;
		for (int p = 0; p < 6; p++) {
			scores.add(clamp(centre - 0.03 * p + random.nextGaussian() * 0.05));
		}
		double top = scores.stream().mapToDouble(Double::doubleValue).max().orElse(0);
		double mean = scores.stream().mapToDouble(Double::doubleValue).average().orElse(0);
		double confidence = tier == 0 ? 1.0 : clamp(0.88 + random.nextGaussian() * 0.06);
		// its own generator, so the history drawn from the shared one stays as it was before scores existed
		var scoring = new Random(id.getLeastSignificantBits());
		int emailScore = (int) Math.round(Math.max(20, Math.min(99,
				74 + (canary ? 4 : 0) - (tier == 0 ? 6 : 0) - (drift ? 5 : 0) + scoring.nextGaussian() * 11)));
		repository.insertGenerated(new InsightRepository.GeneratedRow(tenant, id, lead, angle, prompt,
				canary ? "canary" : "stable", model, tier, campaign ? "campaign" : "sidebar",
				campaign ? UUID.nameUUIDFromBytes(campaignName.getBytes(java.nio.charset.StandardCharsets.UTF_8)) : null,
				campaignName, promptTokens, completionTokens, cost, 400 + random.nextInt(tier == 0 ? 200 : 4000),
				Stats.round(top), Stats.round(mean), Stats.round(confidence), generated, true, emailScore));

		boolean blocked = random.nextDouble() < (drift ? 0.3 : 0.06);
		var checkedAt = generated.plusSeconds(1);
		List<String> rules = new ArrayList<>();
		String verdict;
		if (blocked) {
			verdict = "BLOCKED";
			rules.add(BLOCKING[random.nextInt(BLOCKING.length)]);
		}
		else if (random.nextDouble() < 0.15) {
			verdict = "PASSED";
			rules.add(WARNING[random.nextInt(WARNING.length)]);
		}
		else {
			verdict = "PASSED";
		}
		repository.upsertCheck(tenant, id, verdict, rules.size(), 0, rules, checkedAt);
		if (blocked || random.nextDouble() < 0.04) {
			return; // blocked drafts never reach review; a few wait there still
		}
		var decidedAt = generated.plus(Duration.ofMinutes((long) (-Math.log(1 - random.nextDouble()) * 180) + 5));
		if (decidedAt.isAfter(now)) {
			return;
		}
		boolean approved = random.nextDouble() < (canary ? 0.86 : tier == 0 ? 0.72 : 0.8);
		if (!approved) {
			repository.upsertDecision(tenant, id, "REJECTED",
					random.nextBoolean() ? "unsupported-claim" : random.nextBoolean() ? "tone" : "wrong-angle", false, 0,
					decidedAt);
			return;
		}
		boolean edited = random.nextDouble() < 0.4;
		repository.upsertDecision(tenant, id, "APPROVED", null, edited, edited ? 1 + random.nextInt(24) : 0, decidedAt);
		if (random.nextDouble() < 0.05) {
			return;
		}
		var released = decidedAt.plus(Duration.ofMinutes(10));
		if (released.isAfter(now)) {
			return;
		}
		repository.insertRelease(tenant, id, lead, released);
		var sent = released.plusSeconds(30);
		outcome(tenant, id, lead, OutcomeType.SENT, sent, now, null);
		if (random.nextDouble() < 0.015) {
			outcome(tenant, id, lead, OutcomeType.UNSUBSCRIBED, sent.plus(Duration.ofHours(20)), now, null);
			return;
		}
		if (random.nextDouble() >= 0.45) {
			return;
		}
		var opened = sent.plus(Duration.ofMinutes(30 + random.nextInt(2000)));
		outcome(tenant, id, lead, OutcomeType.OPENED, opened, now, null);
		// better-scored drafts get more replies (about as many as before on average), for the score-vs-reply table
		if (random.nextDouble() >= (canary ? 0.3 : 0.2) * emailScore / 74.0) {
			return;
		}
		var replied = opened.plus(Duration.ofHours(1 + random.nextInt(48)));
		outcome(tenant, id, lead, OutcomeType.REPLIED, replied, now, null);
		if (random.nextDouble() >= 0.4) {
			return;
		}
		var meeting = replied.plus(Duration.ofHours(2 + random.nextInt(72)));
		outcome(tenant, id, lead, OutcomeType.MEETING_BOOKED, meeting, now, null);
		if (random.nextDouble() < 0.45) {
			outcome(tenant, id, lead, OutcomeType.OPPORTUNITY_CREATED,
					meeting.plus(Duration.ofDays(2 + random.nextInt(12))), now,
					BigDecimal.valueOf(5_000 + 1_000L * random.nextInt(46)));
		}
	}

	private void outcome(TenantId tenant, UUID draft, String lead, OutcomeType type, Instant at, Instant now,
			@Nullable BigDecimal amount) {
		if (!at.isAfter(now)) {
			repository.insertOutcome(tenant, new InsightRepository.StoredOutcome("demo-" + UUID.randomUUID(), draft,
					lead, type, at, amount), at);
		}
	}

	private static double clamp(double value) {
		return Math.max(0, Math.min(1, value));
	}
}
