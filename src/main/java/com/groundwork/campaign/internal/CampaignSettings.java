package com.groundwork.campaign.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Campaign settings (documented in README.md, "Campaigns"). Limits are per instance: two instances draft up to twice
 * as much at once.
 *
 * @param workers whether this instance drafts campaign items (false: it only serves the API)
 * @param maxInFlight items this instance drafts at once, whatever the tenant (each on a virtual thread)
 * @param maxLeads leads one campaign takes; valid leads beyond are reported and left out
 * @param lease how long a claimed item stays with its instance without a heartbeat (heartbeats every third of it)
 * @param maxAttempts claims of one item before it fails (its instance died each time, or drafting threw)
 * @param retryBackoff wait before an item whose drafting threw is tried again, doubled per attempt
 * @param pollInterval how often an idle worker looks for due items (a new or resumed campaign wakes it at once)
 * @param progressInterval how often {@code /events} sends a progress event
 * @param budgetRecheck how long a tenant whose daily budget is used up waits before its budget is looked at again
 * @param importTimeout an import silent for this long was abandoned by its instance; a retry of the request takes over
 * @param tenants per tenant slug (or {@code default}): concurrent drafts and drafts per second
 */
@ConfigurationProperties("groundwork.campaign")
@Validated
record CampaignSettings(@DefaultValue("true") boolean workers, @DefaultValue("32") @Positive @Max(4096) int maxInFlight,
		@DefaultValue("100000") @Positive int maxLeads, @DefaultValue("30s") Duration lease,
		@DefaultValue("3") @Positive int maxAttempts, @DefaultValue("2s") Duration retryBackoff,
		@DefaultValue("500ms") Duration pollInterval, @DefaultValue("1s") Duration progressInterval,
		@DefaultValue("30s") Duration budgetRecheck, @DefaultValue("2m") Duration importTimeout,
		@DefaultValue @Valid Map<String, TenantLimits> tenants) {

	static final String DEFAULT = "default";

	/**
	 * @param maxConcurrent drafts of the tenant's campaigns at once on this instance
	 * @param draftsPerSecond drafts started per second on this instance; 0 is unlimited
	 */
	record TenantLimits(@DefaultValue("32") @Positive int maxConcurrent,
			@DefaultValue("0") @DecimalMin("0") double draftsPerSecond) {
	}

	TenantLimits limitsOf(String tenantSlug) {
		return tenants.getOrDefault(tenantSlug, tenants.getOrDefault(DEFAULT, new TenantLimits(32, 0)));
	}
}
