package com.groundwork.insight.internal;

import com.groundwork.identity.TenantId;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/** KPIs of a tenant's drafts over a date range, grouped, with the canary-versus-control comparison. */
@Service
class KpiService {

	static final String COHORT = "drafts generated from 'from' to 'to' (UTC, both days included); their reviews and "
			+ "outcomes count whenever they happened";

	static final String INTERVALS = "Wilson score interval, 95 %";

	static final String COMPARISON = "two-proportion z-test (pooled standard error), two-sided, alpha 0.05; "
			+ "'significant' needs p < 0.05 and at least %d trials in each arm, else 'not yet'";

	private final InsightRepository repository;
	private final InsightSettings settings;

	KpiService(InsightRepository repository, InsightSettings settings) {
		this.repository = repository;
		this.settings = settings;
	}

	/** One group of drafts and its KPIs, e.g. the prompt variant {@code intro · outreach-intro@2 (canary)}. */
	record Group(String key, Kpis kpis) {
	}

	/** A funnel step: how many drafts got this far. */
	record Step(String step, long drafts) {
	}

	/** One week (from its Monday) of the range. */
	record Week(LocalDate week, long drafts, Stats.Rate approval, Stats.Rate block, Stats.Rate reply, BigDecimal cost) {
	}

	/**
	 * Canary against control (the stable prompt version) for one angle and one rate.
	 *
	 * @param difference canary's rate minus control's
	 * @param verdict {@code significant} or {@code not yet}
	 * @param leader {@code canary} or {@code control}: whose rate is higher (only meaningful when significant)
	 */
	record Comparison(String angle, String metric, Stats.Rate control, Stats.Rate canary, double difference, double z,
			double pValue, String verdict, String leader) {
	}

	/**
	 * Email score against reply rate: the scored drafts of one prompt variant whose score fell in one band.
	 *
	 * @param band {@code 0-49}, {@code 50-69}, {@code 70-84} or {@code 85-100}
	 * @param variant as the variant group names it, {@code angle · prompt@version (stable|canary)}
	 * @param reply replied among the sent (Wilson 95 %)
	 */
	record ScoreBand(String band, String variant, long drafts, long sent, long replies, Stats.Rate reply) {
	}

	/** The email score bands, lowest first: {@code [from, to]} both included. */
	static final List<int[]> SCORE_BANDS = List.of(new int[] { 0, 49 }, new int[] { 50, 69 }, new int[] { 70, 84 },
			new int[] { 85, 100 });

	record Method(String cohort, String intervals, String comparison, String pipelineVelocity, String confidence) {
	}

	record Report(String tenant, LocalDate from, LocalDate to, Kpis overall, Map<String, List<Group>> groups,
			List<Comparison> canaryVsControl, List<Step> funnel, List<Week> weeks, Method method,
			List<ScoreBand> scoreVsReply) {
	}

	Report report(TenantId tenant, String tenantSlug, LocalDate from, LocalDate to) {
		var facts = repository.facts(tenant, from.atStartOfDay().toInstant(ZoneOffset.UTC),
				to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
		var groups = new LinkedHashMap<String, List<Group>>();
		groups.put("variant", group(facts, KpiService::variantOf));
		groups.put("angle", group(facts, DraftFact::angle));
		groups.put("tier", group(facts, fact -> "tier " + fact.tier() + " · " + fact.model()));
		groups.put("campaign", group(facts, fact -> fact.campaign() == null ? "(no campaign)" : fact.campaign()));
		int minimum = settings.canaryMinimumTrials();
		return new Report(tenantSlug, from, to, Kpis.of(facts), groups, compare(facts, minimum), funnel(facts),
				weeks(facts), new Method(COHORT, INTERVALS, COMPARISON.formatted(minimum),
						"opportunities x mean opportunity value / median days from sending to the opportunity "
								+ "(pipeline value per day; there is no win rate: outcomes stop at opportunity created)",
						"share of a draft's body sentences that its tier grounded with a citation"),
				scoreVsReply(facts));
	}

	/** Per score band and prompt variant: drafts, sent, replies and reply rate; unscored drafts are left out. */
	static List<ScoreBand> scoreVsReply(List<DraftFact> facts) {
		var rows = new ArrayList<ScoreBand>();
		for (var band : SCORE_BANDS) {
			var inBand = facts.stream()
				.filter(fact -> fact.emailScore() != null && fact.emailScore() >= band[0] && fact.emailScore() <= band[1])
				.collect(Collectors.groupingBy(KpiService::variantOf, TreeMap::new, Collectors.toList()));
			inBand.forEach((variant, drafts) -> {
				long sent = drafts.stream().filter(DraftFact::sent).count();
				long replies = drafts.stream().filter(fact -> fact.sent() && fact.reached(OutcomeType.REPLIED)).count();
				rows.add(new ScoreBand(band[0] + "-" + band[1], variant, drafts.size(), sent, replies,
						Stats.Rate.of(replies, sent)));
			});
		}
		return rows;
	}

	private static String variantOf(DraftFact fact) {
		return fact.angle() + " · " + fact.prompt() + " (" + fact.variant() + ")";
	}

	private static List<Group> group(List<DraftFact> facts, Function<DraftFact, String> key) {
		return facts.stream()
			.collect(Collectors.groupingBy(key, TreeMap::new, Collectors.toList()))
			.entrySet()
			.stream()
			.map(entry -> new Group(entry.getKey(), Kpis.of(entry.getValue())))
			.toList();
	}

	static List<Comparison> compare(List<DraftFact> facts, int minimum) {
		var comparisons = new ArrayList<Comparison>();
		var byAngle = facts.stream().collect(Collectors.groupingBy(DraftFact::angle, TreeMap::new, Collectors.toList()));
		for (var entry : byAngle.entrySet()) {
			var control = entry.getValue().stream().filter(fact -> fact.variant().equals("stable")).toList();
			var canary = entry.getValue().stream().filter(fact -> fact.variant().equals("canary")).toList();
			if (control.isEmpty() || canary.isEmpty()) {
				continue;
			}
			comparisons.add(comparison(entry.getKey(), "approval rate", control, canary, DraftFact::decided,
					DraftFact::approved, minimum));
			comparisons.add(comparison(entry.getKey(), "reply rate", control, canary, DraftFact::sent,
					fact -> fact.reached(OutcomeType.REPLIED), minimum));
			comparisons.add(comparison(entry.getKey(), "meeting rate", control, canary, DraftFact::sent,
					fact -> fact.reached(OutcomeType.MEETING_BOOKED), minimum));
		}
		return comparisons;
	}

	private static Comparison comparison(String angle, String metric, List<DraftFact> control, List<DraftFact> canary,
			Predicate<DraftFact> trial, Predicate<DraftFact> success, int minimum) {
		long controlTrials = control.stream().filter(trial).count();
		long controlSuccesses = control.stream().filter(trial).filter(success).count();
		long canaryTrials = canary.stream().filter(trial).count();
		long canarySuccesses = canary.stream().filter(trial).filter(success).count();
		var test = Stats.twoProportion(controlSuccesses, controlTrials, canarySuccesses, canaryTrials);
		var controlRate = Stats.Rate.of(controlSuccesses, controlTrials);
		var canaryRate = Stats.Rate.of(canarySuccesses, canaryTrials);
		double difference = controlTrials == 0 || canaryTrials == 0 ? 0
				: (double) canarySuccesses / canaryTrials - (double) controlSuccesses / controlTrials;
		boolean significant = test.pValue() < 0.05 && controlTrials >= minimum && canaryTrials >= minimum;
		return new Comparison(angle, metric, controlRate, canaryRate, Stats.round(difference), Stats.round(test.z()),
				Stats.round(test.pValue()), significant ? "significant" : "not yet", difference >= 0 ? "canary" : "control");
	}

	private static List<Step> funnel(Collection<DraftFact> facts) {
		return List.of(new Step("generated", facts.size()),
				new Step("passed guardrails", facts.stream().filter(fact -> fact.checked() && !fact.blocked()).count()),
				new Step("approved", facts.stream().filter(DraftFact::approved).count()),
				new Step("sent", facts.stream().filter(DraftFact::sent).count()),
				new Step("opened", facts.stream().filter(fact -> fact.reached(OutcomeType.OPENED)).count()),
				new Step("replied", facts.stream().filter(fact -> fact.reached(OutcomeType.REPLIED)).count()),
				new Step("meeting booked", facts.stream().filter(fact -> fact.reached(OutcomeType.MEETING_BOOKED)).count()));
	}

	private static List<Week> weeks(List<DraftFact> facts) {
		var byWeek = facts.stream()
			.collect(Collectors.groupingBy(fact -> fact.generatedAt()
				.atZone(ZoneOffset.UTC)
				.toLocalDate()
				.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), TreeMap::new, Collectors.toList()));
		return byWeek.entrySet().stream().map(entry -> {
			var kpis = Kpis.of(entry.getValue());
			return new Week(entry.getKey(), kpis.drafts(), kpis.approval(), kpis.block(), kpis.reply(),
					kpis.cost().total());
		}).toList();
	}
}
