package com.groundwork.guardrail.internal;

import java.util.List;

/** A guardrail policy file cannot be used; stops start-up with the file, the field and (where known) the line. */
class PolicyInvalidException extends IllegalStateException {

	private final String file;
	private final List<String> problems;

	PolicyInvalidException(String file, List<String> problems) {
		super("Guardrail policy " + file + " is invalid: " + String.join("; ", problems));
		this.file = file;
		this.problems = List.copyOf(problems);
	}

	String file() {
		return file;
	}

	List<String> problems() {
		return problems;
	}
}
