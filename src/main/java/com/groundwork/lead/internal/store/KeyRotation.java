package com.groundwork.lead.internal.store;

import com.groundwork.lead.internal.features.SnapshotEncryption;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-encrypts, in the background and in batches, every lead and feature snapshot not under the active key: after the
 * active key changes, and for rows written before encryption. Runs shortly after start-up, then every
 * {@code groundwork.lead.encryption.rotation-interval} (rows another instance wrote with an older key during a rolling
 * deploy are caught then).
 */
@Component
public class KeyRotation implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);

	private final LeadRepository leads;
	private final SnapshotEncryption snapshots;
	private final EncryptionSettings settings;
	private final TransactionTemplate transactions;
	private ScheduledExecutorService scheduler;

	KeyRotation(LeadRepository leads, SnapshotEncryption snapshots, EncryptionSettings settings,
			TransactionTemplate transactions) {
		this.leads = leads;
		this.snapshots = snapshots;
		this.settings = settings;
		this.transactions = transactions;
	}

	/** Re-encrypts until nothing is left; the number of rows re-encrypted. */
	public int rotate() {
		int total = 0;
		int batch = Math.max(1, settings.rotationBatchSize());
		while (true) {
			Integer done = transactions.execute(status -> leads.reencrypt(batch) + snapshots.reencrypt(batch));
			if (done == null || done == 0) {
				break;
			}
			total += done;
		}
		if (total > 0) {
			log.info("Re-encrypted {} lead rows under key '{}'", total, settings.activeKey());
		}
		return total;
	}

	@Override
	public void start() {
		var interval = settings.rotationInterval();
		if (interval.isZero() || interval.isNegative()) {
			return;
		}
		scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("lead-key-rotation").factory());
		scheduler.scheduleWithFixedDelay(() -> {
			try {
				rotate();
			}
			catch (RuntimeException ex) {
				log.warn("Lead key rotation failed, will retry: {}", ex.toString());
			}
		}, 5_000, interval.toMillis(), TimeUnit.MILLISECONDS);
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
