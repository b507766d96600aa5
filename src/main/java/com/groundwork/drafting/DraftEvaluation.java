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
}
