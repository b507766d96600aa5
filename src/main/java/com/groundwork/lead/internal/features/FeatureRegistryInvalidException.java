package com.groundwork.lead.internal.features;

import java.util.List;

/** A feature registry file cannot be used; stops start-up with the file, the field and (where known) the line. */
public class FeatureRegistryInvalidException extends IllegalStateException {

	private final String file;
	private final List<String> problems;

	FeatureRegistryInvalidException(String file, List<String> problems) {
		super("Feature registry " + file + " is invalid: " + String.join("; ", problems));
		this.file = file;
		this.problems = List.copyOf(problems);
	}

	public String file() {
		return file;
	}

	public List<String> problems() {
		return problems;
	}
}
