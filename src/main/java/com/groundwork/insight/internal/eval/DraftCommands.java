package com.groundwork.insight.internal.eval;

import com.groundwork.drafting.DraftEvaluation;
import com.groundwork.identity.TenantId;
import com.groundwork.identity.Tenants;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code drafts} and {@code bench-draft}: drafting's own evaluations ({@link DraftEvaluation}) run in the production
 * application context on a temporary data directory, as the demo tenant {@code acme} (seeded, without its corpus:
 * each evaluation ingests the documents it needs).
 */
final class DraftCommands implements EvalCommand {

	private final String name;

	private final String usage;

	private final BiFunction<DraftEvaluation, Run, String> evaluation;

	private record Run(TenantId tenant, EvalArguments arguments) {
	}

	private DraftCommands(String name, String usage, BiFunction<DraftEvaluation, Run, String> evaluation) {
		this.name = name;
		this.usage = usage;
		this.evaluation = evaluation;
	}

	static DraftCommands goldenCases() {
		return new DraftCommands("drafts", "drafts [--cases eval/cases] [--knowledge knowledge]",
				(drafting, run) -> drafting.goldenCases(run.tenant(), Path.of(run.arguments().get("cases", "eval/cases")),
						Path.of(run.arguments().get("knowledge", "knowledge")), System.err));
	}

	static DraftCommands quality() {
		return new DraftCommands("draft-quality",
				"draft-quality --knowledge DIR --leads FILE [--report eval/reports/draft-quality.md]",
				(drafting, run) -> drafting.draftQuality(run.tenant(), Path.of(run.arguments().required("knowledge")),
						Path.of(run.arguments().required("leads")),
						Path.of(run.arguments().get("report", "eval/reports/draft-quality.md")), System.err));
	}

	static DraftCommands benchmark() {
		return new DraftCommands("bench-draft", "bench-draft [--drafts 300] [--knowledge knowledge]",
				(drafting, run) -> {
					// Ground the drafts in the real corpus, as a rep's sidebar would be, then time them.
					drafting.goldenCases(run.tenant(), Path.of(run.arguments().get("cases", "eval/cases")),
							Path.of(run.arguments().get("knowledge", "knowledge")), System.err);
					return drafting.benchSidebarDrafts(run.tenant(), run.arguments().integer("drafts", 300), System.err);
				});
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
		var properties = new java.util.ArrayList<>(List.of("groundwork.demo.enabled=true",
				"groundwork.knowledge.sync-on-start=false", "groundwork.demo.tenants=acme"));
		properties.addAll(arguments.springProperties());
		try (var context = EvalContext.start(properties, null)) {
			var tenant = context.bean(Tenants.class)
				.all()
				.stream()
				.filter(summary -> summary.slug().equals("acme"))
				.findFirst()
				.orElseThrow()
				.id();
			String line = evaluation.apply(context.bean(DraftEvaluation.class), new Run(tenant, arguments));
			return JsonMapper.shared().readValue(line, Map.class);
		}
	}
}
