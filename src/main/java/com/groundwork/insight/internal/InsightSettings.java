package com.groundwork.insight.internal;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Insights.
 *
 * @param outcomes the outcome webhook
 * @param canaryMinimumTrials trials each arm needs before a canary comparison may be called significant
 * @param drift drift alerts
 * @param demoHistory seed a synthetic history of drafts and outcomes for the demo tenants at first start (only with
 * {@code groundwork.demo.enabled})
 * @param nextBestAction the rule table of next-best-action
 */
@ConfigurationProperties("groundwork.insight")
record InsightSettings(@DefaultValue Outcomes outcomes, @DefaultValue("30") int canaryMinimumTrials,
		@DefaultValue Drift drift, @DefaultValue("true") boolean demoHistory,
		@DefaultValue("classpath:insight/next-best-action.yaml") String nextBestAction) {

	/**
	 * @param webhookSecrets the HMAC-SHA256 secret per tenant slug that signs the tenant's outcome events; a tenant
	 * without one cannot send them
	 * @param signatureTolerance how far a signature's timestamp may be from the server's clock
	 */
	record Outcomes(@DefaultValue Map<String, String> webhookSecrets, @DefaultValue("5m") Duration signatureTolerance) {
	}

	/**
	 * @param window the recent period compared; {@code baseline} the trailing period before it
	 * @param replyMaturity replies take time: the reply rate compares drafts sent at least this long ago
	 * @param zThreshold a rate drifts when |z| of the two-proportion test exceeds this
	 * @param psiThreshold the retrieval scores drift when their population stability index exceeds this
	 * @param minimumSamples drafts each period needs before a signal is judged
	 * @param interval how often the drift gauges are recomputed
	 */
	record Drift(@DefaultValue("7d") Duration window, @DefaultValue("28d") Duration baseline,
			@DefaultValue("3d") Duration replyMaturity, @DefaultValue("3.0") double zThreshold,
			@DefaultValue("0.2") double psiThreshold, @DefaultValue("30") int minimumSamples,
			@DefaultValue("5m") Duration interval) {
	}
}
