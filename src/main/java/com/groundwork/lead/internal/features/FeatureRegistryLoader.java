package com.groundwork.lead.internal.features;

import com.groundwork.lead.PiiClass;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.io.Resource;

/**
 * Binds {@code features/*.yaml} to validated {@link FeatureDefinition} records with Spring Boot's binder, the same
 * that binds {@code application.yaml}: unknown keys, values of the wrong type, missing or invalid fields, unknown
 * sources, duplicates and sensitive features allowed for generation are refused with the file, the field and its line.
 */
final class FeatureRegistryLoader {

	private final Validator validator;
	private final Set<String> knownSources;

	FeatureRegistryLoader(Validator validator, Set<String> knownSources) {
		this.validator = validator;
		this.knownSources = Set.copyOf(knownSources);
	}

	/**
	 * @throws FeatureRegistryInvalidException naming the first file that is invalid, and its problems
	 */
	FeatureRegistry load(List<Resource> resources) {
		if (resources.isEmpty()) {
			throw new FeatureRegistryInvalidException("features/*.yaml", List.of("no feature registry file found"));
		}
		var definitions = new ArrayList<FeatureDefinition>();
		Map<String, String> seen = new HashMap<>();
		for (var resource : resources.stream().sorted(Comparator.comparing(FeatureRegistryLoader::fileName)).toList()) {
			var file = fileName(resource);
			var loaded = loadFile(resource);
			for (int i = 0; i < loaded.size(); i++) {
				var key = loaded.get(i).key();
				var first = seen.putIfAbsent(key, file);
				if (first != null) {
					throw new FeatureRegistryInvalidException(file,
							List.of("features[" + i + "].version: " + key + " is already registered in " + first
									+ "; give the changed definition a new version"));
				}
			}
			definitions.addAll(loaded);
		}
		return new FeatureRegistry(definitions);
	}

	List<FeatureDefinition> loadFile(Resource resource) {
		var file = fileName(resource);
		List<ConfigurationPropertySource> sources;
		try {
			var propertySources = new YamlPropertySourceLoader().load(file, resource);
			sources = new ArrayList<>();
			ConfigurationPropertySources.from(propertySources).forEach(sources::add);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read feature registry " + file, ex);
		}
		catch (RuntimeException ex) {
			throw new FeatureRegistryInvalidException(file, List.of("is not valid YAML: " + ex.getMessage()));
		}
		FeatureFile bound;
		try {
			bound = new Binder(sources).bindOrCreate(ConfigurationPropertyName.EMPTY, Bindable.of(FeatureFile.class),
					new NoUnboundElementsBindHandler(BindHandler.DEFAULT));
		}
		catch (BindException ex) {
			throw new FeatureRegistryInvalidException(file, List.of(bindProblem(ex, sources)));
		}
		var problems = new ArrayList<String>();
		for (ConstraintViolation<FeatureFile> violation : validator.validate(bound)) {
			var path = violation.getPropertyPath().toString();
			problems.add(at(path, sources) + ": " + violation.getMessage());
		}
		var features = bound.features() == null ? List.<FeatureDefinition>of() : bound.features();
		if (problems.isEmpty()) {
			for (int i = 0; i < features.size(); i++) {
				problems.addAll(rulesOf(features.get(i), "features[" + i + "]", sources));
			}
		}
		if (!problems.isEmpty()) {
			throw new FeatureRegistryInvalidException(file, problems.stream().sorted().toList());
		}
		return List.copyOf(features);
	}

	/** What Jakarta Validation cannot say of one definition alone. */
	private List<String> rulesOf(FeatureDefinition definition, String path, List<ConfigurationPropertySource> sources) {
		var problems = new ArrayList<String>();
		if (!knownSources.contains(definition.source())) {
			problems.add(at(path + ".source", sources) + ": '" + definition.source()
					+ "' is neither a lead contract field nor a known derivation; one of "
					+ knownSources.stream().sorted().collect(Collectors.joining(", ")));
		}
		if (definition.pii() == PiiClass.SENSITIVE && definition.allowed()) {
			problems.add(at(path + ".allowedForGeneration", sources)
					+ ": a sensitive feature may never be shown to a model; set it to false");
		}
		if (definition.freshness() != null && (definition.freshness().isNegative() || definition.freshness().isZero())) {
			problems.add(at(path + ".freshness", sources) + ": must be a positive duration such as P30D");
		}
		return problems;
	}

	private static String bindProblem(BindException ex, List<ConfigurationPropertySource> sources) {
		if (ex.getCause() instanceof UnboundConfigurationPropertiesException unbound) {
			return unbound.getUnboundProperties()
				.stream()
				.map(property -> property.getName() + line(property.getOrigin())
						+ ": is not a field of a feature definition (fields: name, version, type, source, pii, allowedForGeneration, freshness, description)")
				.sorted()
				.collect(Collectors.joining("; "));
		}
		var property = ex.getProperty();
		var name = property == null ? ex.getName().toString() : property.getName().toString();
		var value = property == null ? "" : "'" + property.getValue() + "' ";
		var type = ex.getTarget().getType().resolve();
		String expected;
		if (type != null && type.isEnum()) {
			expected = "is not one of " + Arrays.stream(type.getEnumConstants())
				.map(constant -> constant.toString().toLowerCase(Locale.ROOT))
				.collect(Collectors.joining(", "));
		}
		else if (type == java.time.Duration.class) {
			expected = "is not an ISO-8601 duration such as P30D";
		}
		else {
			expected = "cannot be read as " + (type == null ? "this field" : type.getSimpleName().toLowerCase(Locale.ROOT));
		}
		return at(name, sources) + ": " + value + expected;
	}

	/** {@code features[2].pii (line 14)}; the line of a missing field is that of its feature's first key. */
	private static String at(String path, List<ConfigurationPropertySource> sources) {
		var origin = originOf(path, sources);
		if (origin == null && path.contains("].")) {
			var element = path.substring(0, path.indexOf("].") + 1);
			for (var field : List.of("name", "version", "type", "source", "pii", "allowedForGeneration", "freshness",
					"description")) {
				origin = originOf(element + "." + field, sources);
				if (origin != null) {
					break;
				}
			}
		}
		return path + line(origin);
	}

	private static @Nullable Origin originOf(String path, List<ConfigurationPropertySource> sources) {
		var name = ConfigurationPropertyName.adapt(path, '.');
		for (var source : sources) {
			var property = source.getConfigurationProperty(name);
			if (property != null) {
				return property.getOrigin();
			}
		}
		return null;
	}

	private static String line(@Nullable Origin origin) {
		while (origin != null && !(origin instanceof TextResourceOrigin)) {
			origin = origin instanceof PropertySourceOrigin wrapped ? wrapped.getOrigin() : origin.getParent();
		}
		return origin instanceof TextResourceOrigin text && text.getLocation() != null
				? " (line " + (text.getLocation().getLine() + 1) + ")" : "";
	}

	static String fileName(Resource resource) {
		return resource.getFilename() == null ? resource.getDescription() : resource.getFilename();
	}
}
