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
		var avoided = new java.util.HashSet<String>();
		while (verdict instanceof Verdict.NeedsRepair && repairs < rounds) {
			var flagged = flaggedSentences(written.draft(), verdict);
			var edit = GuardrailRepairs.apply(written.draft(), verdict.findings());
			if (writer.tier() == 0 && !flagged.isEmpty() && avoided.addAll(flagged)) {
				// tier 0 writes again without what was flagged: the next best sentences keep the email whole
				try {
					var again = writer.write(input.avoiding(avoided));
					Citations.check(again.draft(), input.passages());
					written = again;
					attempts.add(new Draft.Attempt(0, writer.model(), "guardrail-recompose",
							flagged.size() + " flagged sentence(s) replaced by the next best"));
				}
				catch (DraftingFailedException ex) {
					written = written.withDraft(edit.draft());
					attempts.add(new Draft.Attempt(0, writer.model(), "guardrail-edit", String.join("; ", edit.edits())));
				}
			}
			else if (edit.changed()) {
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

	/** The body sentences (greeting excluded) a repair finding points at. */
	private static java.util.Set<String> flaggedSentences(ModelDraft draft, Verdict verdict) {
		var flagged = new java.util.HashSet<String>();
		for (var finding : verdict.findings()) {
			if (finding.severity() != Severity.REPAIR || finding.span() == null) {
				continue;
			}
			var matcher = GuardrailRepairs.SENTENCE.matcher(finding.span().field());
			if (matcher.matches()) {
				int index = Integer.parseInt(matcher.group(1));
				if (index > 0 && index < draft.sentences().size()) {
					flagged.add(draft.sentences().get(index).text());
				}
			}
		}
		return flagged;
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
