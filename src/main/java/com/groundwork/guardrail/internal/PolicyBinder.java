package com.groundwork.guardrail.internal;

import jakarta.validation.Validator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
 * Binds one policy YAML file to its record with Spring Boot's binder (the one that binds {@code application.yaml}) and
 * validates it with Jakarta Validation. Unknown keys, values of the wrong type, missing and invalid fields are refused
 * with the file, the field as written in the file, and its line.
 */
final class PolicyBinder {

	private final Validator validator;

	PolicyBinder(Validator validator) {
		this.validator = validator;
	}

	/** A bound and valid file, and where its keys are, for checks Jakarta Validation cannot express. */
	record Bound<T>(T value, String file, List<ConfigurationPropertySource> sources) {

		/** {@code field (line N)}, the field written as in the file. */
		String at(String path) {
			return PolicyBinder.at(path, sources);
		}

		PolicyInvalidException invalid(List<String> problems) {
			return new PolicyInvalidException(file, problems);
		}
	}

	<T> Bound<T> bind(String file, Resource resource, Class<T> type) {
		List<ConfigurationPropertySource> sources = new ArrayList<>();
		try {
			ConfigurationPropertySources.from(new YamlPropertySourceLoader().load(file, resource)).forEach(sources::add);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read guardrail policy " + file, ex);
		}
		catch (RuntimeException ex) {
			throw new PolicyInvalidException(file, List.of("is not valid YAML: " + firstLine(ex.getMessage())));
		}
		T bound;
		try {
			bound = new Binder(sources).bindOrCreate(ConfigurationPropertyName.EMPTY, Bindable.of(type),
					new NoUnboundElementsBindHandler(BindHandler.DEFAULT));
		}
		catch (BindException ex) {
			throw new PolicyInvalidException(file, List.of(bindProblem(ex, sources)));
		}
		var problems = validator.validate(bound)
			.stream()
			.map(violation -> at(violation.getPropertyPath().toString(), sources) + ": " + violation.getMessage())
			.sorted()
			.toList();
		if (!problems.isEmpty()) {
			throw new PolicyInvalidException(file, problems);
		}
		return new Bound<>(bound, file, List.copyOf(sources));
	}

	private static String bindProblem(BindException ex, List<ConfigurationPropertySource> sources) {
		if (ex.getCause() instanceof UnboundConfigurationPropertiesException unbound) {
			return unbound.getUnboundProperties()
				.stream()
				.map(property -> property.getName() + line(property.getOrigin())
						+ ": is not a field here; check its spelling and indentation against guardrails/README.md")
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
				.map(constant -> constant.toString().toLowerCase(Locale.ROOT).replace('_', '-'))
				.collect(Collectors.joining(", "));
		}
		else if (type == java.time.Period.class) {
			expected = "is not an ISO-8601 period such as P2Y";
		}
		else if (type == Integer.class || type == int.class) {
			expected = "is not a whole number";
		}
		else if (type == Double.class || type == double.class) {
			expected = "is not a number";
		}
		else if (type == Boolean.class || type == boolean.class) {
			expected = "is not true or false";
		}
		else {
			expected = "cannot be read as " + (type == null ? "this field" : type.getSimpleName().toLowerCase(Locale.ROOT));
		}
		return name + line(property == null ? null : property.getOrigin()) + ": " + value + expected;
	}

	/**
	 * The field as written in the file ({@code tone.max-exclamations}, {@code countries[3].code}) and its line; a map
	 * or list gets the line of its first entry, a missing field the line of its parent's first key.
	 */
	static String at(String path, List<ConfigurationPropertySource> sources) {
		var written = kebab(path.replace(".<list element>", "").replace("<list element>", ""));
		var origin = originOf(written, sources);
		if (origin == null) {
			origin = firstOriginUnder(written, sources); // a map or list: where its first entry is
		}
		var parent = written;
		while (origin == null && parent.contains(".")) {
			parent = parent.substring(0, parent.lastIndexOf('.'));
			origin = firstOriginUnder(parent, sources);
		}
		return written + line(origin);
	}

	private static String kebab(String path) {
		var out = new StringBuilder(path.length() + 8);
		for (int i = 0; i < path.length(); i++) {
			char c = path.charAt(i);
			if (Character.isUpperCase(c)) {
				out.append('-').append(Character.toLowerCase(c));
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

	private static @Nullable Origin originOf(String path, List<ConfigurationPropertySource> sources) {
		if (!ConfigurationPropertyName.isValid(path)) {
			return null;
		}
		var name = ConfigurationPropertyName.of(path);
		for (var source : sources) {
			var property = source.getConfigurationProperty(name);
			if (property != null) {
				return property.getOrigin();
			}
		}
		return null;
	}

	/** The origin of the first property below {@code path} (itself a map or list element). */
	private static @Nullable Origin firstOriginUnder(String path, List<ConfigurationPropertySource> sources) {
		if (!ConfigurationPropertyName.isValid(path)) {
			return null;
		}
		var parent = ConfigurationPropertyName.of(path);
		Origin first = null;
		int firstLine = Integer.MAX_VALUE;
		for (var source : sources) {
			if (!(source instanceof Iterable<?> names)) {
				continue;
			}
			for (var candidate : names) {
				if (candidate instanceof ConfigurationPropertyName name && parent.isAncestorOf(name)) {
					var property = source.getConfigurationProperty(name);
					var origin = property == null ? null : property.getOrigin();
					int at = lineOf(origin);
					if (origin != null && at < firstLine) {
						first = origin;
						firstLine = at;
					}
				}
			}
		}
		return first;
	}

	private static int lineOf(@Nullable Origin origin) {
		var text = textOrigin(origin);
		return text == null || text.getLocation() == null ? Integer.MAX_VALUE : text.getLocation().getLine();
	}

	private static @Nullable TextResourceOrigin textOrigin(@Nullable Origin origin) {
		while (origin != null && !(origin instanceof TextResourceOrigin)) {
			origin = origin instanceof PropertySourceOrigin wrapped ? wrapped.getOrigin() : origin.getParent();
		}
		return (TextResourceOrigin) origin;
	}

	private static String line(@Nullable Origin origin) {
		var text = textOrigin(origin);
		return text != null && text.getLocation() != null ? " (line " + (text.getLocation().getLine() + 1) + ")" : "";
	}

	private static String firstLine(@Nullable String message) {
		if (message == null) {
			return "cannot be parsed";
		}
		int newline = message.indexOf('\n');
		return newline < 0 ? message : message.substring(0, newline) + message.substring(newline).replaceAll("\\s+", " ");
	}
}
