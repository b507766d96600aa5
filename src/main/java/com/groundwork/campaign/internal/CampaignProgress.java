package com.groundwork.campaign.internal;

import com.groundwork.drafting.Drafts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;

/** A campaign's progress, from its items: counts by state, throughput, time left, cost so far, reasons. */
class CampaignProgress {

	private static final Duration WINDOW = Duration.ofMinutes(1);

	private final ItemRepository items;
	private final Drafts drafts;
	private final CampaignWorker worker;
	private final Clock clock;

	CampaignProgress(ItemRepository items, Drafts drafts, CampaignWorker worker, Clock clock) {
		this.items = items;
		this.drafts = drafts;
		this.worker = worker;
		this.clock = clock;
	}

	/** @param detailed with the reasons and the import report (one campaign), or without (lists) */
	CampaignView view(Campaign campaign, boolean detailed) {
		var tenant = campaign.tenant();
		var tally = items.tally(tenant, campaign.id());
		var counts = new LinkedHashMap<String, Long>();
		for (var state : ItemState.values()) {
			counts.put(state.name(), tally.count(state));
		}
		long total = tally.total();
		long done = tally.done();
		long open = tally.count(ItemState.PENDING) + tally.count(ItemState.IN_PROGRESS);
		var now = clock.instant();
		double throughput = throughput(campaign, now);
		Long eta = campaign.status() == CampaignStatus.RUNNING && throughput > 0 && open > 0
				? (long) Math.ceil(open / throughput) : null;
		String waitingFor = null;
		Instant resetsAt = null;
		if (campaign.status() == CampaignStatus.IMPORTING) {
			waitingFor = "import";
		}
		else if (campaign.status() == CampaignStatus.PAUSED && open > 0) {
			waitingFor = "paused";
		}
		else if (campaign.status() == CampaignStatus.RUNNING && tally.count(ItemState.PENDING) > 0) {
			var budget = drafts.budget(tenant, worker.slugOf(tenant));
			var dearest = budget.isLimited() && !budget.offlineOnly() ? items.dearest(tenant, campaign.id()) : null;
			// used up, or too little left for one more draft at the most one has cost: the workers wait for the reset
			if (budget.isExhausted() || dearest != null
					&& (budget.tokensLeft() != null && dearest.tokens() > 0 && budget.tokensLeft() < dearest.tokens()
							|| budget.costLeft() != null && dearest.cost().signum() > 0
									&& budget.costLeft().compareTo(dearest.cost()) < 0)) {
				waitingFor = "budget";
				resetsAt = budget.resetsAt();
			}
		}
		var id = campaign.id();
		var links = new LinkedHashMap<String, String>();
		links.put("self", "/api/campaigns/" + id);
		links.put("events", "/api/campaigns/" + id + "/events");
		links.put("export", "/api/campaigns/" + id + "/export?format=csv");
		links.put("page", "/campaigns/" + id);
		return new CampaignView(id, campaign.name(), campaign.angle(), campaign.promptVariant(),
				campaign.status().name(), waitingFor, resetsAt, total, counts, done,
				total == 0 ? (campaign.status() == CampaignStatus.IMPORTING ? 0 : 1) : (double) done / total,
				round(throughput), eta, tally.tokens(), tally.cost(),
				detailed ? items.reasons(tenant, id, ItemState.BLOCKED, 20) : null,
				detailed ? items.reasons(tenant, id, ItemState.FAILED, 20) : null, campaign.createdBy(),
				campaign.createdAt(), campaign.startedAt(), campaign.finishedAt(),
				detailed ? campaign.importSummary() : null, links);
	}

	private double throughput(Campaign campaign, Instant now) {
		var started = campaign.startedAt();
		if (started == null) {
			return 0;
		}
		if (campaign.finishedAt() != null) {
			// the whole run: items finished ÷ time from the start to the last item's end
			var last = items.finishedSpan(campaign.tenant(), campaign.id())[1];
			long finished = items.finishedSince(campaign.tenant(), campaign.id(), started);
			long millis = last == null ? 0 : Duration.between(started, last).toMillis();
			return millis <= 0 ? 0 : finished * 1000.0 / millis;
		}
		if (campaign.status() != CampaignStatus.RUNNING) {
			return 0;
		}
		var window = Duration.between(started, now);
		if (window.compareTo(WINDOW) > 0) {
			window = WINDOW;
		}
		long finished = items.finishedSince(campaign.tenant(), campaign.id(), now.minus(window));
		return finished * 1000.0 / Math.max(1000, window.toMillis());
	}

	private static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}
}
