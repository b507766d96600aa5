package com.groundwork.campaign.internal;

import com.groundwork.drafting.Drafts;
import com.groundwork.identity.TenantId;
import com.groundwork.identity.Tenants;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Drafts campaign items on this instance. One dispatcher thread claims due items of running campaigns — only as many
 * as there are free places ({@code max-in-flight}, and each tenant's own limit), so nothing queues up in memory — and
 * drafts each on a virtual thread. A maintenance thread extends this instance's leases (heartbeat), returns items of
 * dead instances to the queue, finishes campaigns whose items are all terminal, and drops abandoned imports. Nothing
 * here is kept that another instance could not take over: all state is in the database.
 */
class CampaignWorker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(CampaignWorker.class);

	private final CampaignRepository campaigns;
	private final ItemRepository items;
	private final ItemDrafting drafting;
	private final CampaignCompletion completion;
	private final Drafts drafts;
	private final Tenants tenants;
	private final CampaignSettings settings;
	private final CampaignMetrics metrics;
	private final Clock clock;

	/** This instance's name on the leases it holds. */
	private final String owner;
	private final Semaphore slots;
	private final Map<TenantId, TenantGate> gates = new ConcurrentHashMap<>();
	private final ReentrantLock lock = new ReentrantLock();
	private final Condition wakeUp = lock.newCondition();
	private boolean woken;
	private volatile boolean running;
	private volatile List<Campaign> unfinished = List.of();
	private volatile Instant unfinishedAt = Instant.MIN;
	private int rotation;
	private @Nullable Thread dispatcher;
	private @Nullable ScheduledExecutorService maintenance;
	private @Nullable ExecutorService drafters;

	CampaignWorker(CampaignRepository campaigns, ItemRepository items, ItemDrafting drafting,
			CampaignCompletion completion, Drafts drafts, Tenants tenants, CampaignSettings settings,
			CampaignMetrics metrics, Clock clock) {
		this.campaigns = campaigns;
		this.items = items;
		this.drafting = drafting;
		this.completion = completion;
		this.drafts = drafts;
		this.tenants = tenants;
		this.settings = settings;
		this.metrics = metrics;
		this.clock = clock;
		this.owner = ProcessHandle.current().pid() + "@" + UUID.randomUUID().toString().substring(0, 8);
		this.slots = new Semaphore(settings.maxInFlight());
	}

	String owner() {
		return owner;
	}

	/** Something became due (a new, resumed or recovered campaign): look now instead of at the next poll. */
	void wake() {
		lock.lock();
		try {
			woken = true;
			unfinishedAt = Instant.MIN;
			wakeUp.signalAll();
		}
		finally {
			lock.unlock();
		}
	}

	@Override
	public void start() {
		running = true;
		var tick = settings.pollInterval().toMillis();
		maintenance = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("campaign-maintenance").daemon().factory());
		maintenance.scheduleWithFixedDelay(() -> guarded("heartbeat", this::heartbeat), 0,
				Math.max(100, settings.lease().toMillis() / 3), TimeUnit.MILLISECONDS);
		maintenance.scheduleWithFixedDelay(() -> guarded("maintenance", this::maintain), tick, tick, TimeUnit.MILLISECONDS);
		if (settings.workers()) {
			drafters = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("campaign-item-", 0).factory());
			dispatcher = Thread.ofPlatform().name("campaign-dispatcher").daemon().start(this::dispatchLoop);
		}
	}

	@Override
	public void stop() {
		running = false;
		wake();
		if (dispatcher != null) {
			dispatcher.interrupt();
		}
		if (drafters != null) {
			// Items in flight finish if they can; those that cannot keep their lease until it expires elsewhere.
			drafters.shutdown();
			try {
				drafters.awaitTermination(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		if (maintenance != null) {
			maintenance.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	private void dispatchLoop() {
		while (running) {
			try {
				slots.acquire(); // backpressure: claim only when a place is free
				int free = 1 + slots.drainPermits();
				int started = 0;
				try {
					started = dispatch(free);
				}
				finally {
					if (started < free) {
						slots.release(free - started);
					}
				}
				if (started == 0) {
					idle();
				}
			}
			catch (InterruptedException stopping) {
				return;
			}
			catch (RuntimeException ex) {
				log.warn("Campaign dispatch failed, trying again: {}", ex.toString());
				try {
					Thread.sleep(settings.pollInterval());
				}
				catch (InterruptedException stopping) {
					return;
				}
			}
		}
	}

	/** Claims and starts up to {@code free} items, tenants taking turns at the first pick. */
	private int dispatch(int free) {
		var now = clock.instant();
		var running = new LinkedHashMap<TenantId, List<Campaign>>();
		for (var campaign : unfinished(now)) {
			if (campaign.status() == CampaignStatus.RUNNING) {
				running.computeIfAbsent(campaign.tenant(), tenant -> new ArrayList<>()).add(campaign);
			}
		}
		if (running.isEmpty()) {
			return 0;
		}
		var order = new ArrayList<>(running.keySet());
		java.util.Collections.rotate(order, -(rotation++ % order.size()));
		int started = 0;
		for (var tenant : order) {
			var gate = gate(tenant);
			if (started >= free) {
				continue;
			}
			for (var campaign : running.get(tenant)) {
				int wanted = Math.min(free - started, gate.available(now));
				if (wanted <= 0) {
					break;
				}
				for (var item : items.claim(campaign.id(), owner, wanted, now, now.plus(settings.lease()))) {
					if (!gate.enter()) {
						// cannot happen (only this thread enters); give it back rather than exceed the limit
						items.release(item, owner, now, false, null);
						continue;
					}
					start(item, campaign, gate);
					started++;
				}
			}
		}
		return started;
	}

	private void start(ClaimedItem item, Campaign campaign, TenantGate gate) {
		metrics.started();
		log.debug("Claimed item {} (lead {}, attempt {}) of campaign {}", item.id(), item.leadExternalId(),
				item.attempts(), item.campaignId());
		var job = new ItemDrafting.Job(gate.slug(), campaign.angle(), campaign.promptVariant(), campaign.createdBy());
		java.util.Objects.requireNonNull(drafters).execute(() -> {
			long began = System.nanoTime();
			try {
				gate.pace();
				switch (drafting.draft(item, job, clock.instant())) {
					case ItemDrafting.Done done -> {
						gate.spent(done.outcome());
						log.debug("Item {} (lead {}) ends {}: {}", item.id(), item.leadExternalId(),
								done.outcome().state(), done.outcome().reason());
						if (items.complete(item, owner, done.outcome(), clock.instant())) {
							metrics.finished(item.campaignId(), gate.slug(), done.outcome().state(),
									Duration.ofNanos(System.nanoTime() - began));
						}
						else {
							metrics.released(); // the lease was lost: the instance that holds it records the item
						}
					}
					case ItemDrafting.Retry retry -> {
						log.debug("Item {} (lead {}) is given back: {}", item.id(), item.leadExternalId(), retry.error());
						if (retry.budgetExhausted()) {
							gate.budgetExhausted(clock.instant());
						}
						items.release(item, owner, retry.dueAt(), !retry.budgetExhausted(), retry.error());
						metrics.retried(item.campaignId(), gate.slug(), retry.budgetExhausted());
					}
				}
			}
			catch (RuntimeException | Error ex) {
				log.warn("Campaign item {} of campaign {} failed: {}", item.id(), item.campaignId(), ex.toString(), ex);
				metrics.released(); // its lease expires and the item is tried again
			}
			finally {
				gate.leave();
				slots.release();
			}
		});
	}

	private void idle() throws InterruptedException {
		lock.lock();
		try {
			if (!woken) {
				wakeUp.await(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
			}
			woken = false;
		}
		finally {
			lock.unlock();
		}
	}

	private List<Campaign> unfinished(Instant now) {
		if (now.isAfter(unfinishedAt.plus(settings.pollInterval()))) {
			unfinished = campaigns.unfinishedAcrossTenants();
			unfinishedAt = now;
		}
		return unfinished;
	}

	private void heartbeat() {
		items.heartbeat(owner, clock.instant().plus(settings.lease()));
	}

	private void maintain() {
		var now = clock.instant();
		int recovered = items.recoverExpired(now);
		if (recovered > 0) {
			log.info("Returned {} campaign items whose lease expired to the queue", recovered);
			metrics.recovered(recovered);
			wake();
		}
		for (var campaign : campaigns.unfinishedAcrossTenants()) {
			if (campaign.status() == CampaignStatus.CANCELLED) {
				settleCancelled(campaign, now);
			}
			if (completion.finishIfDone(campaign)) {
				log.info("Campaign {} ({}) finished: {}", campaign.id(), campaign.name(),
						campaign.status() == CampaignStatus.CANCELLED ? "cancelled" : "completed");
			}
		}
		for (var abandoned : campaigns.abandonedImportsAcrossTenants(now.minus(settings.importTimeout()))) {
			log.warn("Dropping campaign {} whose import went silent (its instance stopped); the request can be sent again",
					abandoned.id());
			campaigns.delete(abandoned.tenant(), abandoned.id());
		}
	}

	/**
	 * Items a dead instance held when their campaign was cancelled: their draft, if it was written, is their outcome;
	 * otherwise they are cancelled too.
	 */
	private void settleCancelled(Campaign campaign, Instant now) {
		for (var item : items.expiredInProgress(campaign.id(), now)) {
			if (!items.takeOver(item, owner, now, now.plus(settings.lease()))) {
				continue;
			}
			var outcome = drafts.find(item.tenant(), item.draftId())
				.map(drafting::outcomeOf)
				.orElseGet(() -> ItemOutcome.of(ItemState.CANCELLED, "cancelled",
						"The campaign was cancelled before this item was drafted"));
			items.complete(item, owner, outcome, now);
		}
	}

	private TenantGate gate(TenantId tenant) {
		return gates.computeIfAbsent(tenant, id -> {
			var slug = slugOf(id);
			return new TenantGate(id, slug, settings.limitsOf(slug), drafts, settings.budgetRecheck());
		});
	}

	String slugOf(TenantId tenant) {
		return tenants.slugOf(tenant).orElseThrow(() -> new IllegalStateException("no tenant " + tenant));
	}

	private static void guarded(String what, Runnable task) {
		try {
			task.run();
		}
		catch (RuntimeException ex) {
			log.warn("Campaign {} failed, trying again at the next tick: {}", what, ex.toString());
		}
	}
}
