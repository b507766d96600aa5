package com.groundwork.lead.internal.features;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BinaryOperator;
import java.util.stream.Collectors;

/**
 * The registered feature definitions, all versions. Snapshots compute the current (highest) version of each name;
 * older versions stay registered so that old snapshots remain explained.
 */
public final class FeatureRegistry {

	private final List<FeatureDefinition> all;
	private final List<FeatureDefinition> current;

	FeatureRegistry(List<FeatureDefinition> definitions) {
		this.all = definitions.stream()
			.sorted(Comparator.comparing(FeatureDefinition::name).thenComparing(FeatureDefinition::version))
			.toList();
		Map<String, FeatureDefinition> latest = all.stream()
			.collect(Collectors.toMap(FeatureDefinition::name, d -> d,
					BinaryOperator.maxBy(Comparator.comparing(FeatureDefinition::version))));
		this.current = latest.values().stream().sorted(Comparator.comparing(FeatureDefinition::name)).toList();
	}

	/** Every definition, by name then version. */
	public List<FeatureDefinition> all() {
		return all;
	}

	/** The highest version of each feature, by name. */
	public List<FeatureDefinition> current() {
		return current;
	}

	public Optional<FeatureDefinition> find(String name, int version) {
		return all.stream().filter(d -> d.name().equals(name) && d.version() == version).findFirst();
	}
}
