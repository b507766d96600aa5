package com.groundwork.drafting.internal;

import com.groundwork.guardrail.Finding;
import com.groundwork.guardrail.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deterministic repairs of a draft where they are safe: drop a body sentence whose claim is ungrounded or that
 * carries personal data, banned wording or a competitor's name (never the greeting, never the last cited sentence);
 * strip a disallowed link; strip a deceptive {@code RE:} / {@code FWD:} prefix; turn surplus exclamation marks into
 * full stops. What cannot be edited safely is left to a re-prompt (model tiers) or to the reviewer.
 */
final class GuardrailRepairs {

	/** A finding's span field that points at the i-th sentence of the body (greeting first). */
	static final Pattern SENTENCE = Pattern.compile("sentence\\[(\\d+)]");

	/** Rules whose sentence may simply be left out. */
	private static final Set<String> DROPPABLE_PREFIXES = Set.of("grounding.", "pii.", "tone.banned-phrase",
			"tone.competitor", "tone.off-brand", "tone.spam-trigger", "tone.shouting");

	private GuardrailRepairs() {
	}

	/** @param edits what was changed, for the draft's provenance; empty when nothing could be edited safely */
	record Edit(ModelDraft draft, List<String> edits) {

		boolean changed() {
			return !edits.isEmpty();
		}
	}

	static Edit apply(ModelDraft draft, List<Finding> findings) {
		var sentences = new ArrayList<>(draft.sentences().stream().map(ModelDraft.Sentence::text).toList());
		var subject = draft.subject();
		var callToAction = draft.callToAction();
		var drop = new TreeSet<Integer>();
		var cuts = new java.util.TreeMap<Integer, List<int[]>>();
		var edits = new ArrayList<String>();
		for (var finding : findings) {
			if (finding.severity() != Severity.REPAIR || finding.span() == null) {
				continue;
			}
			var span = finding.span();
			var rule = finding.ruleId();
			Matcher sentence = SENTENCE.matcher(span.field());
			if (sentence.matches()) {
				int index = Integer.parseInt(sentence.group(1));
				if (index >= sentences.size() || drop.contains(index)) {
					continue;
				}
				if (rule.startsWith("links.") || rule.equals("tone.exclamations")) {
					cuts.computeIfAbsent(index, key -> new ArrayList<>()).add(new int[] { span.start(), span.end(),
							rule.equals("tone.exclamations") ? 1 : 0 });
				}
				else if (index > 0 && DROPPABLE_PREFIXES.stream().anyMatch(rule::startsWith)) {
					drop.add(index);
					edits.add("dropped sentence " + index + " (" + rule + ")");
				}
			}
			else if (span.field().equals("subject") && rule.equals("headers.deceptive-prefix")
					&& span.end() <= subject.length()) {
				subject = subject.substring(span.end()).strip();
				edits.add("removed the subject's reply or forward prefix");
			}
			else if (span.field().equals("callToAction") && rule.startsWith("links.")
					&& span.end() <= callToAction.length()) {
				callToAction = strip(callToAction, span.start(), span.end());
				edits.add("removed a link from the call to action (" + rule + ")");
			}
		}
		for (var entry : cuts.entrySet()) {
			int index = entry.getKey();
			if (drop.contains(index)) {
				continue;
			}
			var text = sentences.get(index);
			var spans = entry.getValue();
			spans.sort((a, b) -> Integer.compare(b[0], a[0])); // from the end, so earlier offsets stay valid
			int last = Integer.MAX_VALUE;
			for (var cut : spans) {
				if (cut[1] > text.length() || cut[1] > last) {
					continue; // overlapping or stale
				}
				if (cut[2] == 1) {
					text = text.substring(0, cut[0]) + "." + text.substring(cut[1]);
					edits.add("replaced an exclamation mark in sentence " + index);
				}
				else {
					text = strip(text, cut[0], cut[1]);
					edits.add("removed a link from sentence " + index);
				}
				last = cut[0];
			}
			if (index > 0 && words(text) < 4) {
				drop.add(index);
				edits.add("dropped sentence " + index + ", nothing left but its link");
			}
			else {
				sentences.set(index, text);
			}
		}
		var kept = new ArrayList<ModelDraft.Sentence>();
		for (int i = 0; i < draft.sentences().size(); i++) {
			if (!drop.contains(i)) {
				kept.add(new ModelDraft.Sentence(sentences.get(i), draft.sentences().get(i).passages()));
			}
		}
		if (kept.stream().noneMatch(sentence -> !sentence.passages().isEmpty()) || subject.isBlank()) {
			return new Edit(draft, List.of()); // dropping would leave nothing grounded: a re-prompt or a reviewer decides
		}
		return new Edit(new ModelDraft(subject, kept, callToAction), edits);
	}

	private static String strip(String text, int start, int end) {
		return (text.substring(0, start) + text.substring(end)).replaceAll("\\s{2,}", " ")
			.replaceAll("\\s+([.,;:!?])", "$1")
			.strip();
	}

	private static int words(String text) {
		return text.isBlank() ? 0 : text.strip().split("\\s+").length;
	}
}
