package com.groundwork.lead;

import com.groundwork.identity.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The features of one lead at one point in time, stored and never changed, so that a draft can name exactly what it
 * was grounded in ({@link #reference()} goes into the draft's provenance).
 *
 * @param leadVersion the lead's version the values were computed from
 * @param values the features that had a value, ordered by name
 * @param contentHash SHA-256 (hex) of the external id, lead version and values
 */
public record FeatureSnapshot(UUID id, TenantId tenant, String externalId, long leadVersion, List<FeatureValue> values,
		Instant createdAt, String contentHash) {

	public FeatureSnapshot {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(tenant, "tenant");
		Objects.requireNonNull(externalId, "externalId");
		Objects.requireNonNull(createdAt, "createdAt");
		values = List.copyOf(values);
		if (!contentHash.matches("[0-9a-f]{64}")) {
			throw new IllegalArgumentException("contentHash must be a hex SHA-256");
		}
	}

	/** The value of a feature, if the lead had one. */
	public Optional<FeatureValue> value(String name) {
		return values.stream().filter(value -> value.name().equals(name)).findFirst();
	}

	/** {@code id@contentHash}. */
	public String reference() {
		return id + "@" + contentHash;
	}

	/**
	 * What drafting may show a model: only features registered as allowed for generation. Personal and sensitive
	 * features that are not allowed are left out, not masked.
	 */
	public MinimizedFeatures minimized() {
		return new MinimizedFeatures(id, contentHash, values.stream().filter(FeatureValue::allowedForGeneration).toList());
	}
}
