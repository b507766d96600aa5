package com.groundwork.insight.internal.eval;

import com.groundwork.guardrail.GuardrailEvaluation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code pii}: the guardrail detectors' own evaluation ({@link GuardrailEvaluation}), run in the production
 * application context on a temporary data directory (no tenant, no corpus needed).
 */
final class GuardrailCommands implements EvalCommand {

	private final String name;

	private final String usage;

	private final BiFunction<GuardrailEvaluation, EvalArguments, String> evaluation;

	private GuardrailCommands(String name, String usage, BiFunction<GuardrailEvaluation, EvalArguments, String> evaluation) {
		this.name = name;
		this.usage = usage;
		this.evaluation = evaluation;
	}

	static GuardrailCommands pii() {
		return new GuardrailCommands("pii", "pii --data FILE [--report eval/reports/pii.md]",
				(guardrails, arguments) -> guardrails.pii(arguments.path("data"),
						java.nio.file.Path.of(arguments.get("report", "eval/reports/pii.md")), System.err));
	}

	@Override
	public String name() {
		return name;
	}

	@Override
	public String usage() {
		return usage;
	}

	@Override
	@SuppressWarnings("unchecked")
	public Map<String, Object> run(EvalArguments arguments) throws Exception {
		arguments.path("data"); // a missing option is a usage error before anything starts
		var properties = new ArrayList<>(List.of("groundwork.knowledge.sync-on-start=false"));
		properties.addAll(arguments.springProperties());
		try (var context = EvalContext.start(properties, null)) {
			String line = evaluation.apply(context.bean(GuardrailEvaluation.class), arguments);
			return JsonMapper.shared().readValue(line, Map.class);
		}
	}
}
