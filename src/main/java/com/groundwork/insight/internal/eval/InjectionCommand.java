package com.groundwork.insight.internal.eval;

import com.groundwork.drafting.InjectionEvaluation;
import com.groundwork.identity.Tenants;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code injection}: BIPIA attacks planted bare into passages, CRM notes and lead fields ({@link InjectionEvaluation}),
 * run in the production application context on a temporary data directory as the demo tenant {@code acme} (seeded
 * without its corpus: the evaluation ingests the knowledge folder itself). The code attacks and the clean table and
 * code contexts are read from beside the attacks file unless given.
 */
final class InjectionCommand implements EvalCommand {

	@Override
	public String name() {
		return "injection";
	}

	@Override
	public String usage() {
		return "injection --emails FILE --attacks FILE [--code-attacks FILE] [--tables FILE] [--code-contexts FILE]"
				+ " [--knowledge knowledge] [--report eval/reports/injection.md] [--e2e-cases 1500 (0 = all)]";
	}

	@Override
	@SuppressWarnings("unchecked")
	public Map<String, Object> run(EvalArguments arguments) throws Exception {
		var emails = arguments.path("emails");
		var attacks = arguments.path("attacks");
		var data = new InjectionEvaluation.Data(emails, attacks,
				beside(arguments, "code-attacks", attacks, "code-attack-train.json"),
				beside(arguments, "tables", attacks, "table-train.jsonl"),
				beside(arguments, "code-contexts", attacks, "code-train.jsonl"));
		var properties = new ArrayList<>(List.of("groundwork.demo.enabled=true", "groundwork.knowledge.sync-on-start=false",
				"groundwork.demo.tenants=acme"));
		properties.addAll(arguments.springProperties());
		try (var context = EvalContext.start(properties, null)) {
			var tenant = context.bean(Tenants.class)
				.all()
				.stream()
				.filter(summary -> summary.slug().equals("acme"))
				.findFirst()
				.orElseThrow()
				.id();
			String line = context.bean(InjectionEvaluation.class)
				.injection(tenant, data, Path.of(arguments.get("knowledge", "knowledge")),
						Path.of(arguments.get("report", "eval/reports/injection.md")), arguments.integer("e2e-cases", 1500),
						System.err);
			return JsonMapper.shared().readValue(line, Map.class);
		}
	}

	/** The file given as {@code --option}, else BIPIA's file of that name beside the attacks file when it exists. */
	private static @Nullable Path beside(EvalArguments arguments, String option, Path attacks, String name) {
		var given = arguments.get(option, "");
		if (!given.isBlank()) {
			return Path.of(given);
		}
		var sibling = attacks.resolveSibling(name);
		return Files.isRegularFile(sibling) ? sibling : null;
	}
}
