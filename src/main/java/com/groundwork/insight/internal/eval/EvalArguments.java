package com.groundwork.insight.internal.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line options of an eval subcommand: {@code --name value} pairs, plus {@code --groundwork.x=y} style
 * Spring properties that are handed to the application context (to compare settings without editing files).
 */
record EvalArguments(String command, Map<String, String> options, List<String> springProperties) {

	static EvalArguments parse(String[] args) {
		if (args.length == 0) {
			throw new UsageException("no subcommand given");
		}
		var options = new LinkedHashMap<String, String>();
		var spring = new ArrayList<String>();
		for (int i = 1; i < args.length; i++) {
			var arg = args[i];
			if (!arg.startsWith("--")) {
				throw new UsageException("unexpected argument '" + arg + "'");
			}
			if (arg.contains("=")) {
				var name = arg.substring(2, arg.indexOf('='));
				if (name.startsWith("spring.") || name.startsWith("groundwork.") || name.startsWith("logging.")) {
					spring.add(arg.substring(2));
				}
				else {
					options.put(name, arg.substring(arg.indexOf('=') + 1));
				}
			}
			else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
				options.put(arg.substring(2), args[++i]);
			}
			else {
				options.put(arg.substring(2), "true");
			}
		}
		return new EvalArguments(args[0], options, spring);
	}

	String required(String name) {
		var value = options.get(name);
		if (value == null || value.isBlank()) {
			throw new UsageException("--" + name + " is required");
		}
		return value;
	}

	Path path(String name) {
		return Path.of(required(name));
	}

	String get(String name, String fallback) {
		return options.getOrDefault(name, fallback);
	}

	int integer(String name, int fallback) {
		var value = options.get(name);
		try {
			return value == null ? fallback : Integer.parseInt(value);
		}
		catch (NumberFormatException ex) {
			throw new UsageException("--" + name + " must be a whole number, not '" + value + "'");
		}
	}

	/** A mistake in the command line: reported with the usage, exit code 2. */
	static class UsageException extends RuntimeException {

		UsageException(String message) {
			super(message);
		}
	}
}
