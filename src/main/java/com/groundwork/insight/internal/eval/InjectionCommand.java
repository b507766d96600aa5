package com.groundwork.insight.internal.eval;

import com.groundwork.drafting.InjectionEvaluation;
import com.groundwork.identity.Tenants;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code injection}: BIPIA attacks planted into passages, CRM notes and lead fields ({@link InjectionEvaluation}), run
 * in the production application context on a temporary data directory as the demo tenant {@code acme} (seeded without
 * its corpus: the evaluation ingests the knowledge folder itself).
 */
final class InjectionCommand implements EvalCommand {

	@Override
	public String name() {
		return "injection";
	}

	@Override
	public String usage() {
		return "injection --emails FILE --attacks FILE [--knowledge knowledge] [--report eval/reports/injection.md]";
	}

	@Override
	@SuppressWarnings("unchecked")
	public Map<String, Object> run(EvalArguments arguments) throws Exception {
		var emails = arguments.path("emails");
		var attacks = arguments.path("attacks");
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
				.injection(tenant, emails, attacks, Path.of(arguments.get("knowledge", "knowledge")),
						Path.of(arguments.get("report", "eval/reports/injection.md")), System.err);
			return JsonMapper.shared().readValue(line, Map.class);
		}
	}
}
