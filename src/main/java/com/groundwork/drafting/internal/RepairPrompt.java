package com.groundwork.drafting.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a model tier is told to fix: the guardrails' findings ({@code prompts/guardrail-repair.txt}, the findings in
 * place of {@code {findings}}), or a reviewer's reason for rejecting an earlier draft ({@code prompts/review-rework.txt},
 * the reason in place of {@code {reason}}). Read and checked at start-up.
 */
record RepairPrompt(String template, String rework) {

	static final String FILE = "guardrail-repair.txt";

	static final String REWORK_FILE = "review-rework.txt";

	static RepairPrompt load(Path promptsDir) {
		var file = promptsDir.resolve(FILE);
		String template;
		try {
			template = Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new PromptRegistryInvalidException(FILE + ": cannot be read from the prompt registry " + promptsDir
					+ "; it holds what a model is told to fix after a guardrail finding", ex);
		}
		if (!template.contains("{findings}")) {
			throw new PromptRegistryInvalidException(FILE + ": missing placeholder {findings}");
		}
		String rework;
		try {
			rework = Files.readString(promptsDir.resolve(REWORK_FILE), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new PromptRegistryInvalidException(REWORK_FILE + ": cannot be read from the prompt registry "
					+ promptsDir + "; it holds what a model is told when a reviewer rejected a draft", ex);
		}
		if (!rework.contains("{reason}")) {
			throw new PromptRegistryInvalidException(REWORK_FILE + ": missing placeholder {reason}");
		}
		return new RepairPrompt(template.strip(), rework.strip());
	}

	/** The reviewer's reason, as data inside its section (it cannot close the section or open one). */
	String renderRework(String reason) {
		return rework.replace("{reason}", DataSections.clean(reason).replaceAll("\\s+", " "));
	}

	String render(java.util.List<String> findings) {
		return template.replace("{findings}", "- " + String.join("\n- ", findings));
	}
}
