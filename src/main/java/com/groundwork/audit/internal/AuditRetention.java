package com.groundwork.audit.internal;

import com.groundwork.identity.TenantId;
import com.groundwork.identity.Tenants;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Removes audit entries older than {@code groundwork.audit.retention.max-age} from the start of each tenant's chain,
 * moving the tenant's anchor to the last one removed, and records that it did so as an entry of its own.
 */
@Component
class AuditRetention implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);

	private final AuditRepository entries;
	private final AuditService audit;
	private final Tenants tenants;
	private final AuditSettings settings;
	private final TransactionTemplate transactions;
	private ScheduledExecutorService scheduler;

	AuditRetention(AuditRepository entries, AuditService audit, Tenants tenants, AuditSettings settings,
			TransactionTemplate transactions) {
		this.entries = entries;
		this.audit = audit;
		this.tenants = tenants;
		this.settings = settings;
		this.transactions = transactions;
	}

	/** Prunes one tenant's chain; the number of entries removed. */
	int prune(TenantId tenant, Instant now) {
		var before = now.minus(settings.retention().maxAge());
		return transactions.execute(status -> {
			entries.lockHead(tenant);
			var last = entries.lastBefore(tenant, before);
			if (last.isEmpty()) {
				return 0;
			}
			int removed = entries.prune(tenant, last.get(), now);
			audit.append(tenant, new AuditRecord("SYSTEM", "retention", "audit.pruned", "audit", tenant.toString(), null,
					Map.of("removed", removed, "upTo", last.get().seq(), "olderThan", before.toString())));
			return removed;
		});
	}

	void pruneAll() {
		for (var tenant : tenants.all()) {
			try {
				int removed = prune(tenant.id(), audit.now());
				if (removed > 0) {
					log.info("Audit retention removed {} entries of tenant {}", removed, tenant.slug());
				}
			}
			catch (RuntimeException ex) {
				log.warn("Audit retention failed for tenant {}: {}", tenant.slug(), ex.toString());
			}
		}
	}

	@Override
	public void start() {
		var interval = settings.retention().checkInterval();
		if (interval.isZero() || interval.isNegative()) {
			return;
		}
		scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("audit-retention").factory());
		scheduler.scheduleWithFixedDelay(this::pruneAll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		if (scheduler != null) {
			scheduler.shutdownNow();
			scheduler = null;
		}
	}

	@Override
	public boolean isRunning() {
		return scheduler != null;
	}
}
