package com.groundwork.lead;

import java.util.Objects;

/**
 * One feature of a lead at one point in time.
 *
 * @param name the feature's registered name, e.g. {@code company.size-band}
 * @param version the registered definition's version that computed it
 * @param value the canonical text of the value (see {@link FeatureType})
 * @param pii how personal the value is
 * @param allowedForGeneration whether drafting may put it in front of a model
 * @param stale whether the lead's data was older than the feature's freshness when the value was taken
 */
public record FeatureValue(String name, int version, FeatureType type, String value, PiiClass pii,
		boolean allowedForGeneration, boolean stale) {

	public FeatureValue {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(value, "value");
		Objects.requireNonNull(pii, "pii");
		if (version < 1) {
			throw new IllegalArgumentException("feature versions start at 1: " + name);
		}
	}

	/** {@code name@version}, how provenance refers to the definition. */
	public String key() {
		return name + "@" + version;
	}
}
