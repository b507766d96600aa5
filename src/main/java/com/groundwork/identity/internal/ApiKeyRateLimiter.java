package com.groundwork.identity.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One token bucket per API key, in memory: each instance limits what it serves, so behind a load balancer of n
 * instances a key gets up to n times the rate (documented in README.md).
 */
final class ApiKeyRateLimiter {

	private final RateLimitSettings settings;
	private final LongSupplier nanoTime;
	private final ConcurrentHashMap<UUID, Bucket> buckets = new ConcurrentHashMap<>();

	ApiKeyRateLimiter(RateLimitSettings settings) {
		this(settings, System::nanoTime);
	}

	ApiKeyRateLimiter(RateLimitSettings settings, LongSupplier nanoTime) {
		this.settings = settings;
		this.nanoTime = nanoTime;
	}

	/** Takes one token for the key; empty when allowed, else how long until the next token. */
	Optional<Duration> acquire(UUID key) {
		if (!settings.enabled()) {
			return Optional.empty();
		}
		var bucket = buckets.computeIfAbsent(key, id -> new Bucket(settings.burst(), nanoTime.getAsLong()));
		synchronized (bucket) {
			long now = nanoTime.getAsLong();
			bucket.tokens = Math.min(settings.burst(),
					bucket.tokens + (now - bucket.refilledAt) / 1e9 * settings.requestsPerSecond());
			bucket.refilledAt = now;
			if (bucket.tokens >= 1) {
				bucket.tokens -= 1;
				return Optional.empty();
			}
			double seconds = (1 - bucket.tokens) / settings.requestsPerSecond();
			return Optional.of(Duration.ofMillis((long) Math.ceil(seconds * 1000)));
		}
	}

	private static final class Bucket {
		double tokens;
		long refilledAt;

		Bucket(double tokens, long refilledAt) {
			this.tokens = tokens;
			this.refilledAt = refilledAt;
		}
	}
}
