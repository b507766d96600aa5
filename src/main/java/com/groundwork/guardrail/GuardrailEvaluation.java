package com.groundwork.guardrail;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The guardrail detectors' evaluations, for the {@code eval/run} command line and for other modules' evaluations
 * (drafting's injection run): each command logs progress to {@code progress} and answers the one-line JSON summary
 * to print last on stdout.
 */
public interface GuardrailEvaluation {

	/**
	 * {@code eval/run pii}: the PII detector on a Presidio-style synthetic set (JSON list of
	 * {@code {full_text, spans:[{entity_type, start_position, end_position}]}}), span-level (same type, IoU ≥ 0.5),
	 * with a Markdown report written to {@code report}.
	 * @return {@code {"precision":…,"recall":…,"f1":…,"by_type":{TYPE:{"precision":…,"recall":…,"support":N}}}}
	 */
	String pii(Path data, Path report, PrintStream progress);

	/**
	 * Runs {@code work} on this thread with the injection detector switched off in every check (screening and the
	 * verdict): what the other defences catch alone. For evaluations only; the detector is on again afterwards.
	 */
	<T> T withInjectionDetectorOff(java.util.function.Supplier<T> work);

	/** What the injection detector finds in one untrusted text (a passage, a CRM field, a note); empty when clean. */
	List<InjectionHit> scanUntrusted(String text);

	/**
	 * One instruction-like piece of untrusted text.
	 *
	 * @param category {@code override}, {@code role-play}, {@code action}, {@code exfiltration}, {@code hidden-text},
	 * {@code encoded}
	 */
	record InjectionHit(String category, double score, String evidence) {
	}
}
