package com.groundwork.insight.internal;

import com.groundwork.identity.TenantId;
import com.groundwork.identity.Tenants;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Drift of four signals: the recent window (7 days) against the trailing baseline before it (28 days). Retrieval
 * scores by the population stability index of the drafts' best-passage scores; block, approval and reply rates by a
 * two-proportion z-test. The reply rate looks at drafts sent at least {@code reply-maturity} ago, as replies take
 * time. Alerts are listed on the Insights page and exported as gauges ({@code groundwork.drift.alert} 0 or 1 and
 * {@code groundwork.drift.statistic}, per tenant and signal), recomputed every {@code interval}.
 */
@Component
class DriftMonitor {

	private static final Logger log = LoggerFactory.getLogger(DriftMonitor.class);

	static final List<String> SIGNALS = List.of("retrieval-score", "block-rate", "approval-rate", "reply-rate");

	private final InsightRepository repository;
	private final InsightSettings.Drift settings;
	private final Tenants tenants;
	private final MeterRegistry registry;
	private final Clock clock;

	private final Map<String, AtomicReference<Double>> gauges = new ConcurrentHashMap<>();

	DriftMonitor(InsightRepository repository, InsightSettings settings, Tenants tenants, MeterRegistry registry,
			Clock clock) {
		this.repository = repository;
		this.settings = settings.drift();
		this.tenants = tenants;
		this.registry = registry;
		this.clock = clock;
	}

	/**
	 * One signal compared.
	 *
	 * @param method {@code PSI} or {@code two-proportion z-test}
	 * @param baseline the baseline's mean score or rate; {@code recent} the window's (null: no data)
	 * @param statistic the PSI, or z of the recent rate against the baseline's
	 * @param alert whether it moved beyond the threshold with enough drafts on both sides
	 */
	record Signal(String signal, String method, @Nullable Double baseline, @Nullable Double recent, long baselineSamples,
			long recentSamples, double statistic, double threshold, boolean alert, String summary) {
	}

	record DriftReport(String tenant, Instant evaluatedAt, Instant recentFrom, Instant baselineFrom, List<Signal> signals,
			List<Signal> alerts) {
	}

	DriftReport evaluate(TenantId tenant, String slug) {
		var now = clock.instant();
		var recentFrom = now.minus(settings.window());
		var baselineFrom = recentFrom.minus(settings.baseline());
		var earliest = baselineFrom.minus(settings.replyMaturity());
		var facts = repository.facts(tenant, earliest, now);
		var signals = new ArrayList<Signal>();
		signals.add(retrieval(facts, baselineFrom, recentFrom, now));
		signals.add(rate("block-rate", facts, DraftFact::generatedAt, DraftFact::checked, DraftFact::blocked,
				baselineFrom, recentFrom, now));
		signals.add(rate("approval-rate", facts, DraftFact::generatedAt, DraftFact::decided, DraftFact::approved,
				baselineFrom, recentFrom, now));
		var maturity = settings.replyMaturity();
		signals.add(rate("reply-rate", facts, DraftFact::sentAt, DraftFact::sent,
				fact -> fact.reached(OutcomeType.REPLIED), baselineFrom.minus(maturity), recentFrom.minus(maturity),
				now.minus(maturity)));
		var report = new DriftReport(slug, now, recentFrom, baselineFrom, signals,
				signals.stream().filter(Signal::alert).toList());
		export(slug, signals);
		return report;
	}

	@Scheduled(fixedDelayString = "${groundwork.insight.drift.interval:5m}", initialDelayString = "${groundwork.insight.drift.interval:5m}")
	void evaluateAll() {
		for (var tenant : tenants.all()) {
			try {
				evaluate(tenant.id(), tenant.slug());
			}
			catch (RuntimeException failed) {
				log.warn("Drift of tenant {} not evaluated: {}", tenant.slug(), failed.toString());
			}
		}
	}

	private Signal retrieval(List<DraftFact> facts, Instant baselineFrom, Instant recentFrom, Instant now) {
		var baseline = scores(facts, baselineFrom, recentFrom);
		var recent = scores(facts, recentFrom, now);
		double psi = Stats.round(Stats.psi(baseline, recent));
		boolean enough = baseline.length >= settings.minimumSamples() && recent.length >= settings.minimumSamples();
		boolean alert = enough && psi > settings.psiThreshold();
		Double baselineMean = baseline.length == 0 ? null : Stats.round(Stats.mean(baseline));
		Double recentMean = recent.length == 0 ? null : Stats.round(Stats.mean(recent));
		var summary = !enough ? "not enough drafts yet (" + baseline.length + " baseline, " + recent.length
				+ " recent; " + settings.minimumSamples() + " each needed)"
				: "mean best-passage score " + baselineMean + " → " + recentMean + ", PSI " + psi
						+ (alert ? " > " : " ≤ ") + settings.psiThreshold();
		return new Signal("retrieval-score", "PSI", baselineMean, recentMean, baseline.length, recent.length, psi,
				settings.psiThreshold(), alert, summary);
	}

	private static double[] scores(List<DraftFact> facts, Instant from, Instant to) {
		return facts.stream()
			.filter(fact -> within(fact.generatedAt(), from, to))
			.map(DraftFact::retrievalTop)
			.filter(java.util.Objects::nonNull)
			.mapToDouble(Double::doubleValue)
			.toArray();
	}

	private Signal rate(String name, List<DraftFact> facts, Function<DraftFact, @Nullable Instant> time,
			Predicate<DraftFact> trial, Predicate<DraftFact> success, Instant baselineFrom, Instant recentFrom,
			Instant now) {
		var baseline = facts.stream().filter(trial).filter(fact -> within(time.apply(fact), baselineFrom, recentFrom)).toList();
		var recent = facts.stream().filter(trial).filter(fact -> within(time.apply(fact), recentFrom, now)).toList();
		long baselineHits = baseline.stream().filter(success).count();
		long recentHits = recent.stream().filter(success).count();
		var test = Stats.twoProportion(baselineHits, baseline.size(), recentHits, recent.size());
		boolean enough = baseline.size() >= settings.minimumSamples() && recent.size() >= settings.minimumSamples();
		boolean alert = enough && Math.abs(test.z()) > settings.zThreshold();
		Double before = baseline.isEmpty() ? null : Stats.round((double) baselineHits / baseline.size());
		Double after = recent.isEmpty() ? null : Stats.round((double) recentHits / recent.size());
		double z = Stats.round(test.z());
		var summary = !enough ? "not enough drafts yet (" + baseline.size() + " baseline, " + recent.size()
				+ " recent; " + settings.minimumSamples() + " each needed)"
				: name.replace('-', ' ') + " " + percent(before) + " → " + percent(after) + ", z " + z
						+ (alert ? " beyond ±" : " within ±") + settings.zThreshold();
		return new Signal(name, "two-proportion z-test", before, after, baseline.size(), recent.size(), z,
				settings.zThreshold(), alert, summary);
	}

	private static String percent(@Nullable Double rate) {
		return rate == null ? "—" : Math.round(rate * 1000) / 10.0 + " %";
	}

	private static boolean within(@Nullable Instant at, Instant from, Instant to) {
		return at != null && !at.isBefore(from) && at.isBefore(to);
	}

	private void export(String tenant, List<Signal> signals) {
		for (var signal : signals) {
			gauge("groundwork.drift.alert", tenant, signal.signal(), "1 when the signal drifted beyond its threshold")
				.set(signal.alert() ? 1.0 : 0.0);
			gauge("groundwork.drift.statistic", tenant, signal.signal(), "PSI or z of the signal's recent window")
				.set(signal.statistic());
		}
	}

	private AtomicReference<Double> gauge(String name, String tenant, String signal, String description) {
		return gauges.computeIfAbsent(name + "|" + tenant + "|" + signal, key -> {
			var value = new AtomicReference<>(0.0);
			Gauge.builder(name, value, AtomicReference::get)
				.description(description)
				.tags("tenant", tenant, "signal", signal)
				.register(registry);
			return value;
		});
	}
}
