package com.groundwork.lead;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The generation-safe part of a {@link FeatureSnapshot}: only features allowed for generation, with the snapshot's id
 * and hash for provenance.
 */
public record MinimizedFeatures(UUID snapshotId, String snapshotHash, List<FeatureValue> values) {

	public MinimizedFeatures {
		Objects.requireNonNull(snapshotId, "snapshotId");
		Objects.requireNonNull(snapshotHash, "snapshotHash");
		values = List.copyOf(values);
		if (values.stream().anyMatch(value -> !value.allowedForGeneration())) {
			throw new IllegalArgumentException("a minimized view holds only features allowed for generation");
		}
	}
}
