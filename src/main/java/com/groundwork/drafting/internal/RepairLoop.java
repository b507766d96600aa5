package com.groundwork.drafting.internal;

import com.groundwork.guardrail.DraftCheck;
import com.groundwork.guardrail.Guardrails;
import com.groundwork.guardrail.Severity;
import com.groundwork.guardrail.Verdict;
import java.util.List;
import java.util.function.Function;

/**
 * The guardrail stage with its bounded repair loop: safe deterministic edits first, else a re-prompt of a model tier
 * with the findings as guidance; tier 0 cannot be re-prompted, so the reviewer sees what is left.
 */
class RepairLoop {

	private final Guardrails guardrails;
	private final DraftStages stages;
	private final int rounds;

	RepairLoop(Guardrails guardrails, DraftStages stages, int rounds) {
		this.guardrails = guardrails;
		this.stages = stages;
		this.rounds = rounds;
	}

	/** The last composition, what was checked of it, the verdict and how many repairs it took. */
	record Checked(Composition composition, DraftCheck check, Verdict verdict, int repairs) {
	}

	Checked check(GenerationRequest request, String variant, DraftInput input, Composition written, Drafter writer,
			Function<Composition, DraftCheck> checkOf, List<Draft.Attempt> attempts) {
		var check = checkOf.apply(written);
		var verdict = verdict(check, request, variant, writer);
		int repairs = 0;
		while (verdict instanceof Verdict.NeedsRepair && repairs < rounds) {
			var edit = GuardrailRepairs.apply(written.draft(), verdict.findings());
			if (edit.changed()) {
				written = written.withDraft(edit.draft());
				attempts.add(new Draft.Attempt(writer.tier(), writer.model(), "guardrail-edit", String.join("; ", edit.edits())));
			}
			else if (writer.tier() > 0) {
				try {
					var guidance = verdict.findings().stream()
						.filter(finding -> finding.severity() == Severity.REPAIR)
						.map(finding -> finding.message() + (finding.span() == null ? "" : " [" + finding.span().field() + "]"))
						.distinct()
						.toList();
					var again = DraftStages.observed(stages.generation(request, variant, writer), () -> {
						var answer = writer.write(input.withGuidance(guidance));
						Citations.check(answer.draft(), input.passages());
						return answer;
					});
					written = written.plus(again);
					attempts.add(new Draft.Attempt(writer.tier(), writer.model(), "guardrail-reprompt",
							guidance.size() + " finding(s) given as guidance"));
				}
				catch (DraftingFailedException ex) {
					attempts.add(new Draft.Attempt(writer.tier(), writer.model(), ex.code(), ex.getMessage()));
					break;
				}
			}
			else {
				break;
			}
			repairs++;
			check = checkOf.apply(written);
			verdict = verdict(check, request, variant, writer);
		}
		return new Checked(written, check, verdict, repairs);
	}

	private Verdict verdict(DraftCheck check, GenerationRequest request, String variant, Drafter writer) {
		var observation = stages.stage(DraftStages.GUARDRAIL, request, variant)
			.lowCardinalityKeyValue("tier", String.valueOf(writer.tier()))
			.lowCardinalityKeyValue("model", writer.model());
		var verdict = DraftStages.observed(observation, () -> guardrails.check(check));
		observation.lowCardinalityKeyValue("verdict", verdict.name());
		return verdict;
	}
}
