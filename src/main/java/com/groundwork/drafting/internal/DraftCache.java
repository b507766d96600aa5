package com.groundwork.drafting.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * What a tier wrote, reused for the same prompt version, tone, feature snapshot content, passages (by content hash)
 * and model until the time to live has passed: regenerating an unchanged draft costs no tokens.
 */
class DraftCache {

	private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
	private final Duration ttl;
	private final int maxEntries;
	private final Clock clock;

	DraftCache(Duration ttl, int maxEntries, Clock clock) {
		this.ttl = ttl;
		this.maxEntries = maxEntries;
		this.clock = clock;
	}

	private record Entry(Composition composition, Instant expires) {
	}

	static String key(DraftInput input, String model) {
		return input.prompt().reference() + "|" + input.tone().slug() + "|" + input.lead().snapshot().contentHash() + "|"
				+ input.passages().stream().map(GroundingPassage::reference).collect(Collectors.joining(",")) + "|"
				+ model + (input.rework() == null ? "" : "|rework:" + input.rework().hashCode());
	}

	Optional<Composition> get(String key) {
		var entry = entries.get(key);
		if (entry == null) {
			return Optional.empty();
		}
		if (entry.expires().isBefore(clock.instant())) {
			entries.remove(key, entry);
			return Optional.empty();
		}
		return Optional.of(entry.composition());
	}

	void put(String key, Composition composition) {
		if (ttl.isZero() || maxEntries <= 0) {
			return;
		}
		if (entries.size() >= maxEntries) {
			var now = clock.instant();
			entries.values().removeIf(entry -> entry.expires().isBefore(now));
			if (entries.size() >= maxEntries) {
				entries.clear(); // rare: a full cache of live entries starts over rather than tracking recency
			}
		}
		entries.put(key, new Entry(composition, clock.instant().plus(ttl)));
	}

	void clear() {
		entries.clear();
	}
}
