package com.groundwork.drafting;

import com.groundwork.identity.TenantId;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Drafting's evaluation commands, for the {@code eval/run} command line: each logs progress to {@code progress} and
 * answers the one-line JSON summary to print last on stdout.
 */
public interface DraftEvaluation {

	/**
	 * {@code eval/run drafts}: runs the golden cases ({@code <cases>/*.yaml}) through the whole pipeline with tier 0,
	 * after ingesting the knowledge documents they need from {@code knowledge} into the tenant.
	 * @return {@code {"cases":N,"passed":N,"groundedness":G,"verdicts":{"PASSED":N,…}}}, G being the share of factual
	 * sentences whose claims (numbers, names) are in the passages they cite or in the lead's features, and verdicts
	 * the guardrail verdicts of the drafts
	 */
	String goldenCases(TenantId tenant, Path cases, Path knowledge, PrintStream progress);

	/**
	 * {@code eval/run bench-draft}: the service's own time per sidebar draft (retrieval, prompt, parsing,
	 * persistence) with a model that answers at once.
	 * @return {@code {"drafts":N,"p50_ms":…,"p99_ms":…}}
	 */
	String benchSidebarDrafts(TenantId tenant, int drafts, PrintStream progress);

	/**
	 * {@code eval/run draft-quality}: ingests every document of {@code knowledge} into the tenant (which holds none),
	 * drafts each line of {@code leads} ({@code {"lead": <lead contract>, "angle": "intro"}}) on tier 0 through the
	 * whole pipeline and judges each draft by the documents it cites; writes the per-lead table to {@code report}.
	 * @return {@code {"drafts":N,"generated":N,"industry_case_study_rate":…,"off_industry_case_study_rate":…,
	 * "intro_case_plus_capability_rate":…,"boilerplate_rate":…,"internal_cited":N,"pricing_cited_outside_follow_up":N,
	 * "language_match_rate":…,"words_in_50_125":…,"score_p50":…}}
	 */
	String draftQuality(TenantId tenant, Path knowledge, Path leads, Path report, PrintStream progress);
}
