/**
 * The email score: how ready a draft is to send, from deterministic rules whose weights and ranges are data
 * ({@code guardrails/email-score.yaml}). Advice only; a score never blocks a draft.
 */
@NullMarked
package com.groundwork.drafting.internal.scoring;

import org.jspecify.annotations.NullMarked;
