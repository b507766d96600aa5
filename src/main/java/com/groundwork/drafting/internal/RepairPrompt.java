package com.groundwork.drafting.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a model tier is told when the guardrails ask for a repair: {@code prompts/guardrail-repair.txt}, with the
 * findings in place of {@code {findings}}. Read and checked at start-up.
 */
record RepairPrompt(String template) {

	static final String FILE = "guardrail-repair.txt";

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
		return new RepairPrompt(template.strip());
	}

	String render(java.util.List<String> findings) {
		return template.replace("{findings}", "- " + String.join("\n- ", findings));
	}
}
