package com.groundwork.audit.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Audit trail settings.
 *
 * @param retention how long entries are kept, and how often the oldest are removed
 */
@ConfigurationProperties("groundwork.audit")
record AuditSettings(@DefaultValue Retention retention) {

	/**
	 * @param maxAge entries older than this are removed from the start of each tenant's chain (the chain then starts
	 * at an anchor holding the last removed entry's hash); at least 30 days, which the PostgreSQL trigger enforces
	 * @param checkInterval how often retention runs; 0 turns it off
	 */
	record Retention(@DefaultValue("400d") Duration maxAge, @DefaultValue("6h") Duration checkInterval) {

		Retention {
			if (maxAge.compareTo(Duration.ofDays(30)) < 0) {
				throw new IllegalArgumentException("groundwork.audit.retention.max-age must be at least 30d");
			}
		}
	}
}
