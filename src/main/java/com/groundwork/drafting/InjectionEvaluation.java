package com.groundwork.drafting;

import com.groundwork.identity.TenantId;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code eval/run injection}: indirect prompt injection (BIPIA format) planted into the untrusted text a draft is made
 * from — knowledge passages, CRM notes and lead fields — each attack tagged with a unique canary.
 */
public interface InjectionEvaluation {

	/**
	 * Plants every attack of {@code attacks} (category → instructions) into every e-mail context of {@code emails}
	 * (JSON lines with {@code context}) in each of the three places, scans them with the guardrails' injection
	 * detector, and scans the same contexts without attacks and every chunk of the {@code knowledge} folder (ingested
	 * into the tenant) for false positives. Then runs the whole drafting pipeline — retrieval with the planted passage
	 * ranked first, screening, a worst-case model that obeys any planted instruction it is shown, guardrails and
	 * repair — on every case and on the clean contexts; writes a Markdown report to {@code report}.
	 * @param endToEndCases about how many cases run end to end (every attack in every place, e-mail contexts in turn);
	 * 0 for all
	 * @return {@code {"detector_recall":…,"false_positive_rate":…,"attack_success_rate":…,"cases":N,"p99_ms":…}},
	 * {@code p99_ms} being the pipeline's time per end-to-end case
	 */
	String injection(TenantId tenant, Path emails, Path attacks, Path knowledge, Path report, int endToEndCases,
			PrintStream progress);
}
