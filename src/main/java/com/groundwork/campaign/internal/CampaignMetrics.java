package com.groundwork.campaign.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Micrometer meters: items finished per campaign and state ({@code groundwork.campaign.items}), time per item
 * ({@code groundwork.campaign.item.duration}), retries and lease recoveries, and this instance's items in flight.
 * One series per campaign: campaigns are few and long, not per request.
 */
class CampaignMetrics {

	private final MeterRegistry registry;
	private final AtomicInteger inFlight = new AtomicInteger();
	// registered once, then counted without a registry lookup per item
	private final Map<String, Counter> counters = new ConcurrentHashMap<>();
	private final Map<UUID, Timer> timers = new ConcurrentHashMap<>();

	CampaignMetrics(MeterRegistry registry) {
		this.registry = registry;
		registry.gauge("groundwork.campaign.in-flight", inFlight);
	}

	void started() {
		inFlight.incrementAndGet();
	}

	void finished(UUID campaign, String tenantSlug, ItemState state, Duration took) {
		inFlight.decrementAndGet();
		counters.computeIfAbsent(campaign + "/" + state, key -> Counter.builder("groundwork.campaign.items")
			.description("Campaign items that reached a terminal state")
			.tag("campaign", campaign.toString())
			.tag("tenant", tenantSlug)
			.tag("state", state.name())
			.register(registry)).increment();
		timers.computeIfAbsent(campaign, key -> Timer.builder("groundwork.campaign.item.duration")
			.description("Time to draft one campaign item, suppression check to verdict")
			.tag("campaign", campaign.toString())
			.tag("tenant", tenantSlug)
			.register(registry)).record(took);
	}

	void retried(UUID campaign, String tenantSlug, boolean budget) {
		inFlight.decrementAndGet();
		Counter.builder("groundwork.campaign.retries")
			.description("Campaign items given back to be tried again (budget used up, or an error)")
			.tag("campaign", campaign.toString())
			.tag("tenant", tenantSlug)
			.tag("cause", budget ? "budget" : "error")
			.register(registry)
			.increment();
	}

	void released() {
		inFlight.decrementAndGet();
	}

	void recovered(int items) {
		if (items > 0) {
			registry.counter("groundwork.campaign.leases.recovered").increment(items);
		}
	}
}
