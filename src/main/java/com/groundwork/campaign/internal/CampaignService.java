package com.groundwork.campaign.internal;

import com.groundwork.campaign.internal.CampaignProblems.CampaignNotFoundException;
import com.groundwork.campaign.internal.CampaignProblems.CampaignStateConflictException;
import com.groundwork.identity.Actor;
import com.groundwork.identity.TenantId;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.transaction.support.TransactionTemplate;

/** Reads and steers the campaigns of the caller's tenant: pause, resume, cancel. */
class CampaignService {

	private final CampaignRepository campaigns;
	private final ItemRepository items;
	private final CampaignWorker worker;
	private final TransactionTemplate transactions;
	private final Clock clock;

	CampaignService(CampaignRepository campaigns, ItemRepository items, CampaignWorker worker,
			TransactionTemplate transactions, Clock clock) {
		this.campaigns = campaigns;
		this.items = items;
		this.worker = worker;
		this.transactions = transactions;
		this.clock = clock;
	}

	Campaign get(TenantId tenant, UUID id) {
		return campaigns.find(tenant, id).orElseThrow(() -> new CampaignNotFoundException(id));
	}

	List<Campaign> list(TenantId tenant, int limit) {
		return campaigns.list(tenant, limit);
	}

	/** No new item is claimed; items in progress finish. */
	Campaign pause(TenantId tenant, UUID id) {
		var campaign = get(tenant, id);
		if (campaign.status() != CampaignStatus.PAUSED
				&& !campaigns.transition(tenant, id, List.of(CampaignStatus.RUNNING), CampaignStatus.PAUSED, clock.instant())) {
			throw new CampaignStateConflictException(id, get(tenant, id).status(), "pause", "RUNNING");
		}
		return get(tenant, id);
	}

	Campaign resume(TenantId tenant, UUID id) {
		var campaign = get(tenant, id);
		if (campaign.status() != CampaignStatus.RUNNING
				&& !campaigns.transition(tenant, id, List.of(CampaignStatus.PAUSED), CampaignStatus.RUNNING, clock.instant())) {
			throw new CampaignStateConflictException(id, get(tenant, id).status(), "resume", "PAUSED");
		}
		worker.wake();
		return get(tenant, id);
	}

	/** Pending items are cancelled now; items in progress finish with their own outcome. */
	Campaign cancel(Actor actor, UUID id) {
		var tenant = actor.tenantId();
		var campaign = get(tenant, id);
		if (campaign.status() == CampaignStatus.CANCELLED) {
			return campaign;
		}
		boolean cancelled = Boolean.TRUE.equals(transactions.execute(status -> {
			var now = clock.instant();
			if (!campaigns.transition(tenant, id, List.of(CampaignStatus.RUNNING, CampaignStatus.PAUSED),
					CampaignStatus.CANCELLED, now)) {
				return false;
			}
			items.cancelPending(tenant, id, "Cancelled by " + actor.name() + " before this item was drafted", now);
			return true;
		}));
		if (!cancelled) {
			throw new CampaignStateConflictException(id, get(tenant, id).status(), "cancel", "RUNNING or PAUSED");
		}
		worker.wake();
		return get(tenant, id);
	}
}
