package com.groundwork.insight.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The KPIs of a set of drafts.
 *
 * @param drafts generated
 * @param approval approved among the decided (Wilson 95 %)
 * @param editDistance word-level edit distance of the approved drafts (mean, median)
 * @param block blocked among the checked
 * @param blockByRule per rule: drafts blocked with a finding of the rule among the checked
 * @param timeToApproveMinutes from generation to approval (median, 90th percentile)
 * @param sent released (or reported by the e-mail system)
 * @param reply replied among the sent; {@code meeting} meetings booked among the sent (Wilson 95 %)
 * @param leadToOpportunity leads with an opportunity among the leads sent a draft
 * @param cost model cost: total, per draft, per meeting (null without a meeting)
 */
record Kpis(long drafts, Stats.Rate approval, Spread editDistance, Stats.Rate block, Map<String, Double> blockByRule,
		Spread timeToApproveMinutes, long sent, Stats.Rate reply, Stats.Rate meeting, Stats.Rate leadToOpportunity,
		Velocity pipelineVelocity, Cost cost, @Nullable Double meanRetrievalScore, @Nullable Double meanConfidence) {

	/** @param median and {@code p90} the 50th and 90th percentiles; {@code mean} */
	record Spread(@Nullable Double mean, @Nullable Double median, @Nullable Double p90) {

		static Spread of(List<Double> values) {
			return new Spread(values.isEmpty() ? null : Stats.round(values.stream().mapToDouble(v -> v).average().orElse(0)),
					round(Stats.quantile(values, 0.5)), round(Stats.quantile(values, 0.9)));
		}

		private static @Nullable Double round(@Nullable Double value) {
			return value == null ? null : Stats.round(value);
		}
	}

	/**
	 * Pipeline velocity without a win rate (outcomes stop at "opportunity created"): opportunities × their mean value
	 * ÷ the median days from sending to the opportunity, i.e. pipeline value created per day of sales cycle.
	 */
	record Velocity(long opportunities, BigDecimal pipelineValue, @Nullable Double medianDaysToOpportunity,
			@Nullable BigDecimal valuePerDay) {
	}

	record Cost(BigDecimal total, @Nullable BigDecimal perDraft, @Nullable BigDecimal perMeeting) {
	}

	static Kpis of(Collection<DraftFact> facts) {
		long drafts = facts.size();
		var checked = facts.stream().filter(DraftFact::checked).toList();
		var blocked = checked.stream().filter(DraftFact::blocked).toList();
		var byRule = new TreeMap<String, Long>();
		blocked.forEach(fact -> fact.rules().forEach(rule -> byRule.merge(rule, 1L, Long::sum)));
		var blockByRule = new LinkedHashMap<String, Double>();
		byRule.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.forEach(entry -> blockByRule.put(entry.getKey(), Stats.round((double) entry.getValue() / checked.size())));
		var decided = facts.stream().filter(DraftFact::decided).toList();
		var approved = decided.stream().filter(DraftFact::approved).toList();
		var minutesToApprove = approved.stream()
			.filter(fact -> fact.decidedAt() != null)
			.map(fact -> Duration.between(fact.generatedAt(), fact.decidedAt()).toSeconds() / 60.0)
			.toList();
		var sent = facts.stream().filter(DraftFact::sent).toList();
		long replied = sent.stream().filter(fact -> fact.reached(OutcomeType.REPLIED)).count();
		long meetings = sent.stream().filter(fact -> fact.reached(OutcomeType.MEETING_BOOKED)).count();
		var leadsSent = new HashSet<String>();
		var leadsWithOpportunity = new HashSet<String>();
		sent.forEach(fact -> leadsSent.add(fact.leadExternalId()));
		var opportunities = sent.stream().filter(fact -> fact.reached(OutcomeType.OPPORTUNITY_CREATED)).toList();
		opportunities.forEach(fact -> leadsWithOpportunity.add(fact.leadExternalId()));
		var total = facts.stream().map(DraftFact::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
		var scores = facts.stream().map(DraftFact::retrievalTop).filter(java.util.Objects::nonNull).toList();
		return new Kpis(drafts, Stats.Rate.of(approved.size(), decided.size()),
				Spread.of(approved.stream().map(fact -> (double) fact.editDistance()).toList()),
				Stats.Rate.of(blocked.size(), checked.size()), blockByRule, Spread.of(minutesToApprove), sent.size(),
				Stats.Rate.of(replied, sent.size()), Stats.Rate.of(meetings, sent.size()),
				Stats.Rate.of(leadsWithOpportunity.size(), leadsSent.size()), velocity(opportunities),
				new Cost(money(total), drafts == 0 ? null : money(total.divide(BigDecimal.valueOf(drafts), 6, RoundingMode.HALF_UP)),
						meetings == 0 ? null : money(total.divide(BigDecimal.valueOf(meetings), 6, RoundingMode.HALF_UP))),
				scores.isEmpty() ? null : Stats.round(scores.stream().mapToDouble(v -> v).average().orElse(0)),
				facts.isEmpty() ? null : Stats.round(facts.stream().mapToDouble(DraftFact::confidence).average().orElse(0)));
	}

	private static Velocity velocity(List<DraftFact> opportunities) {
		var value = opportunities.stream()
			.map(DraftFact::amount)
			.filter(java.util.Objects::nonNull)
			.reduce(BigDecimal.ZERO, BigDecimal::add);
		var days = new ArrayList<Double>();
		for (var fact : opportunities) {
			var sentAt = fact.sentAt();
			var at = fact.outcomes().get(OutcomeType.OPPORTUNITY_CREATED);
			if (sentAt != null && at != null) {
				days.add(Math.max(0, Duration.between(sentAt, at).toMinutes() / 1440.0));
			}
		}
		var median = Stats.quantile(days, 0.5);
		BigDecimal perDay = null;
		if (median != null && !opportunities.isEmpty()) {
			perDay = value.divide(BigDecimal.valueOf(Math.max(median, 1.0)), 2, RoundingMode.HALF_UP);
		}
		return new Velocity(opportunities.size(), value.setScale(2, RoundingMode.HALF_UP),
				median == null ? null : Stats.round(median), perDay);
	}

	private static BigDecimal money(BigDecimal amount) {
		return amount.setScale(4, RoundingMode.HALF_UP);
	}
}
