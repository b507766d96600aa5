package com.groundwork.knowledge.internal;

import com.groundwork.identity.Tenants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Ingests the knowledge folder for every tenant once the service is up (demo only), in the background so start-up is
 * not held back. Unchanged files are skipped, so a restart costs little.
 */
@Component
class StartupSync {

	private static final Logger log = LoggerFactory.getLogger(StartupSync.class);

	private final FolderSync sync;

	private final Tenants tenants;

	private final TaskExecutor executor;

	private final boolean enabled;

	StartupSync(FolderSync sync, Tenants tenants, @Qualifier("applicationTaskExecutor") TaskExecutor executor,
			KnowledgeSettings settings, @Value("${groundwork.demo.enabled:false}") boolean demo) {
		this.sync = sync;
		this.tenants = tenants;
		this.executor = executor;
		this.enabled = demo && settings.syncOnStart();
	}

	@EventListener(ApplicationReadyEvent.class)
	void syncInBackground() {
		if (enabled) {
			executor.execute(this::syncAll);
		}
	}

	private void syncAll() {
		var all = tenants.all();
		log.info("Ingesting the knowledge folder for {} tenant(s) in the background", all.size());
		for (var tenant : all) {
			try {
				var report = sync.sync(tenant.id());
				log.info("Knowledge for tenant '{}': {} indexed, {} unchanged, {} removed, {} failed", tenant.slug(),
						report.indexed(), report.unchanged(), report.removed(), report.failed());
				report.errors().forEach(error -> log.warn("Knowledge for tenant '{}': {}", tenant.slug(), error.message()));
			}
			catch (RuntimeException ex) {
				log.warn("Knowledge sync for tenant '{}' failed: {}", tenant.slug(), ex.getMessage());
			}
		}
	}
}
