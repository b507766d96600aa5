package com.groundwork.drafting;

import com.groundwork.identity.TenantId;
import java.io.PrintStream;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * {@code eval/run injection}: indirect prompt injection (BIPIA format) planted bare into the untrusted text a draft is
 * made from — knowledge passages, CRM notes and lead fields — and followed end to end by a model that obeys it.
 */
public interface InjectionEvaluation {

	/**
	 * BIPIA's files: {@code emails} (JSON lines with {@code context}), {@code attacks} (category → instructions), and
	 * optionally {@code codeAttacks} (category → code-block attacks), {@code tables} and {@code code} (clean table and
	 * code contexts, JSON lines): a null file is left out.
	 */
	record Data(Path emails, Path attacks, @Nullable Path codeAttacks, @Nullable Path tables, @Nullable Path code) {
	}

	/**
	 * Plants every attack of {@code data}, bare, into every e-mail context in each place (code attacks in passages and
	 * notes), scans them with the guardrails' injection detector (and the notes through the guardrails' check, as
	 * {@code POST /api/guardrails/check} runs it), and scans the negatives — clean e-mail, table and code contexts,
	 * every chunk of the {@code knowledge} folder (ingested into the tenant) and the demo leads' CRM notes — for false
	 * positives. Then runs the whole drafting pipeline — retrieval with the planted passage ranked first, screening, a
	 * worst-case model told out of band which attack was planted and obeying it when it reaches its prompt, guardrails
	 * and repair — on a sample of the cases, with the detector on and again with it off; writes a Markdown report.
	 * @param endToEndCases about how many cases run end to end (every attack in every place, e-mail contexts in turn);
	 * 0 for all
	 * @return {@code {"detector_recall":…,"false_positive_rate":…,"attack_success_rate":…,"cases":N,"p99_ms":…, …}},
	 * {@code p99_ms} being the pipeline's time per end-to-end case
	 */
	String injection(TenantId tenant, Data data, Path knowledge, Path report, int endToEndCases, PrintStream progress);
}
