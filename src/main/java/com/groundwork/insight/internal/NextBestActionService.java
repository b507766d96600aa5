package com.groundwork.insight.internal;

import com.groundwork.identity.TenantId;
import com.groundwork.lead.LeadFeatures;
import com.groundwork.lead.LeadScore;
import com.groundwork.lead.LeadScores;
import com.groundwork.lead.Suppressions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Service;

/** Next-best-action of a lead from the rule table, over its score, consent, last touch and outcomes. */
@Service
class NextBestActionService {

	static final Map<String, String> LABELS = Map.of("intro", "Draft an intro", "follow-up", "Draft a follow-up",
			"case-study", "Draft a case study", "wait", "Wait", "do-not-contact", "Do not contact");

	private final NextBestActionRules rules;
	private final LeadScores scores;
	private final LeadFeatures features;
	private final Suppressions suppressions;
	private final InsightRepository repository;
	private final Clock clock;

	NextBestActionService(InsightSettings settings, ResourceLoader resources, LeadScores scores, LeadFeatures features,
			Suppressions suppressions, InsightRepository repository, Clock clock) {
		this.rules = NextBestActionRules.load(resources.getResource(settings.nextBestAction()));
		this.scores = scores;
		this.features = features;
		this.suppressions = suppressions;
		this.repository = repository;
		this.clock = clock;
	}

	/**
	 * What the rules looked at.
	 *
	 * @param daysSinceLastTouch null when the lead was never touched
	 * @param sent drafts released to the lead
	 */
	record Facts(int score, String consent, boolean suppressed, @Nullable Long daysSinceLastTouch, long sent,
			List<String> outcomes) {
	}

	/**
	 * @param action {@code intro}, {@code follow-up}, {@code case-study}, {@code wait} or {@code do-not-contact}
	 * @param rule the id of the rule that decided
	 * @param reasons the rule's reason, then each of its conditions that held
	 */
	record NextBestAction(String leadExternalId, String action, String label, String rule, List<String> reasons,
			Facts facts, List<LeadScore.Reason> scoreReasons) {
	}

	/** @throws com.groundwork.lead.LeadNotFoundException when the tenant has no such lead */
	NextBestAction decide(TenantId tenant, String externalId) {
		var score = scores.scoreOf(tenant, externalId);
		var snapshot = features.snapshot(tenant, externalId);
		var consent = snapshot.value("consent.status").map(value -> value.value()).filter(v -> !v.isBlank()).orElse("NONE");
		var outcomes = repository.outcomesOfLead(tenant, externalId);
		var seen = EnumSet.noneOf(OutcomeType.class);
		outcomes.forEach(outcome -> seen.add(outcome.type()));
		if (seen.contains(OutcomeType.REPLIED)) {
			seen.add(OutcomeType.OPENED);
		}
		var now = clock.instant();
		var crmDays = snapshot.value("crm.days-since-last-touch").flatMap(value -> number(value.value()));
		var touches = Stream.concat(repository.lastReleaseToLead(tenant, externalId).stream(),
				outcomes.stream().map(InsightRepository.StoredOutcome::occurredAt));
		Long days = touches.max(Instant::compareTo).map(last -> Math.max(0, Duration.between(last, now).toDays())).orElse(null);
		if (crmDays.isPresent() && (days == null || crmDays.get() < days)) {
			days = crmDays.get();
		}
		var facts = new Facts(score.score(), consent, suppressions.isLeadSuppressed(tenant, externalId), days,
				repository.releasesToLead(tenant, externalId), seen.stream().map(OutcomeType::slug).toList());
		for (var rule : rules.rules()) {
			var held = held(rule.when(), facts, seen);
			if (held != null) {
				var reasons = new ArrayList<String>();
				reasons.add(rule.reason());
				reasons.addAll(held);
				var top = score.reasons().stream().filter(reason -> reason.points() > 0).limit(3).toList();
				return new NextBestAction(externalId, rule.action(), LABELS.get(rule.action()), rule.id(), reasons,
						facts, top);
			}
		}
		throw new IllegalStateException("no next-best-action rule holds for lead " + externalId
				+ "; the table should end with a rule without conditions");
	}

	/** The conditions that held, in words, or null when one did not. */
	private static @Nullable List<String> held(NextBestActionRules.@Nullable When when, Facts facts,
			Set<OutcomeType> seen) {
		var reasons = new ArrayList<String>();
		if (when == null) {
			return reasons;
		}
		if (when.outcome() != null) {
			var type = OutcomeType.of(when.outcome()).orElseThrow();
			if (!seen.contains(type)) {
				return null;
			}
			reasons.add("outcome: " + type.slug());
		}
		if (when.noOutcome() != null) {
			var type = OutcomeType.of(when.noOutcome()).orElseThrow();
			if (seen.contains(type)) {
				return null;
			}
			reasons.add("no " + type.slug() + " yet");
		}
		if (when.suppressed() != null) {
			if (when.suppressed() != facts.suppressed()) {
				return null;
			}
			reasons.add(facts.suppressed() ? "address suppressed" : "address not suppressed");
		}
		if (when.consent() != null) {
			if (!when.consent().contains(facts.consent())) {
				return null;
			}
			reasons.add("consent " + facts.consent());
		}
		if (when.scoreAtLeast() != null) {
			if (facts.score() < when.scoreAtLeast()) {
				return null;
			}
			reasons.add("score " + facts.score() + " ≥ " + when.scoreAtLeast());
		}
		if (when.scoreBelow() != null) {
			if (facts.score() >= when.scoreBelow()) {
				return null;
			}
			reasons.add("score " + facts.score() + " < " + when.scoreBelow());
		}
		var days = facts.daysSinceLastTouch();
		if (when.neverTouched() != null) {
			if (when.neverTouched() != (days == null)) {
				return null;
			}
			reasons.add(days == null ? "never touched" : "touched before");
		}
		if (when.daysSinceLastTouchAtLeast() != null) {
			if (days != null && days < when.daysSinceLastTouchAtLeast()) {
				return null;
			}
			reasons.add(days == null ? "never touched" : "last touch " + days + " days ago");
		}
		if (when.daysSinceLastTouchBelow() != null) {
			if (days == null || days >= when.daysSinceLastTouchBelow()) {
				return null;
			}
			reasons.add("last touch " + days + " days ago");
		}
		if (when.sentAtLeast() != null) {
			if (facts.sent() < when.sentAtLeast()) {
				return null;
			}
			reasons.add(facts.sent() + " draft(s) sent");
		}
		if (when.sentAtMost() != null) {
			if (facts.sent() > when.sentAtMost()) {
				return null;
			}
			reasons.add(facts.sent() == 0 ? "no draft sent yet" : facts.sent() + " draft(s) sent");
		}
		return reasons;
	}

	private static java.util.Optional<Long> number(String value) {
		try {
			return java.util.Optional.of((long) Math.floor(Double.parseDouble(value.strip())));
		}
		catch (NumberFormatException ex) {
			return java.util.Optional.empty();
		}
	}
}
