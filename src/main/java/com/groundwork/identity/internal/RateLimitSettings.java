package com.groundwork.identity.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Requests per API key: a token bucket per key and instance, refilled at {@code requestsPerSecond} up to
 * {@code burst}. A request finding the bucket empty is answered 429 with {@code Retry-After}.
 */
@ConfigurationProperties("groundwork.identity.rate-limit")
record RateLimitSettings(@DefaultValue("true") boolean enabled, @DefaultValue("20") double requestsPerSecond,
		@DefaultValue("200") int burst) {

	RateLimitSettings {
		if (requestsPerSecond <= 0 || burst < 1) {
			throw new IllegalArgumentException(
					"groundwork.identity.rate-limit: requests-per-second must be positive and burst at least 1");
		}
	}
}
