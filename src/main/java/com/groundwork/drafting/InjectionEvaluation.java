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
	 * detector, and scans the same contexts without attacks and every chunk of the {@code knowledge} folder for false
	 * positives; writes a Markdown report to {@code report}.
	 * @return {@code {"detector_recall":…,"false_positive_rate":…,"attack_success_rate":…,"cases":N,"p99_ms":…}}
	 */
	String injection(TenantId tenant, Path emails, Path attacks, Path knowledge, Path report, PrintStream progress);
}
