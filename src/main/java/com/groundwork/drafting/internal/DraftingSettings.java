package com.groundwork.drafting.internal;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Drafting settings (documented in README.md, "Configuration").
 *
 * @param promptsDir the prompt registry: one folder per prompt id, one {@code v<N>.st} file per version
 * @param passages how many passages a draft is grounded in at most
 * @param tiers the model tiers by name: {@code small} (tier 1) and {@code large} (tier 2); a tier without a base URL is
 * disabled, and tier 0 (the offline drafter) is always there
 * @param routing which tiers are tried, in order, for each kind of request
 * @param variants prompt versions per tenant slug (or {@code default}) and angle: stable, canary share, shadow
 * @param cache how long a generated draft is reused for the same prompt version, snapshot, passages and model
 * @param budgets daily token and cost budgets per tenant slug (or {@code default}); absent means unlimited
 * @param sidebar the CRM sidebar page
 * @param excludedTitles documents whose title contains one of these are never cited (internal documents are excluded
 * by their visibility anyway)
 * @param fallbackToOffline whether a failed model tier falls back to the next tier down to tier 0; when false, a
 * model failure is a failed draft with its reason
 * @param repairRounds guardrail repair rounds at most per draft (a deterministic edit or a re-prompt each); what is
 * left goes to review with its findings
 */
@ConfigurationProperties("groundwork.drafting")
record DraftingSettings(@DefaultValue("./prompts") Path promptsDir, @DefaultValue("6") int passages,
		@DefaultValue Map<String, Tier> tiers, @DefaultValue Routing routing,
		@DefaultValue Map<String, Map<String, Variant>> variants, @DefaultValue Cache cache,
		@DefaultValue Map<String, Budget> budgets, @DefaultValue Sidebar sidebar,
		@DefaultValue List<String> excludedTitles, @DefaultValue("true") boolean fallbackToOffline,
		@DefaultValue("2") int repairRounds) {

	static final String DEFAULT = "default";

	@ConstructorBinding
	DraftingSettings {
		if (passages < 1 || passages > 20) {
			throw new IllegalArgumentException("groundwork.drafting.passages must be between 1 and 20");
		}
		if (repairRounds < 0 || repairRounds > 10) {
			throw new IllegalArgumentException("groundwork.drafting.repair-rounds must be between 0 and 10");
		}
	}

	/** The settings with the default number of guardrail repair rounds. */
	DraftingSettings(Path promptsDir, int passages, Map<String, Tier> tiers, Routing routing,
			Map<String, Map<String, Variant>> variants, Cache cache, Map<String, Budget> budgets, Sidebar sidebar,
			List<String> excludedTitles, boolean fallbackToOffline) {
		this(promptsDir, passages, tiers, routing, variants, cache, budgets, sidebar, excludedTitles, fallbackToOffline, 2);
	}

	/**
	 * One OpenAI-compatible model endpoint.
	 *
	 * @param baseUrl e.g. {@code https://api.openai.com} or {@code http://localhost:11434}; empty disables the tier
	 * @param completionsPath appended to the base URL
	 * @param timeout for one call, connection and answer
	 * @param maxAttempts calls per draft including retries of 429 and 5xx answers
	 * @param initialBackoff first retry wait, doubled per attempt, with ±50 % jitter
	 * @param maxRetryAfter a {@code Retry-After} longer than this is not waited for: the tier fails over instead
	 * @param maxConcurrentCalls bulkhead: calls in flight at once per tier
	 * @param maxWait bulkhead: how long a call waits for a free slot
	 * @param failureRateThreshold circuit breaker: failure percentage that opens it
	 * @param minimumCalls circuit breaker: calls before the rate counts
	 * @param openDuration circuit breaker: how long it stays open
	 * @param inputCostPerMillion price per million prompt tokens (any currency, used for the budget)
	 * @param outputCostPerMillion price per million completion tokens
	 * @param requestsPerSecond calls started per second at most, evenly spaced (the provider's rate limit); 0 is
	 * unlimited. A call that cannot start within {@code maxWait} fails over to the next tier
	 * @param tokensPerMinute prompt and completion tokens per minute at most; a call waits (up to {@code maxWait}) while
	 * the minute's tokens are spent; 0 is unlimited
	 * @param regions the tenant regions ({@code tenant.region}, e.g. {@code EU}) whose data this endpoint may receive;
	 * empty: every region (an endpoint the tenant's own infrastructure runs)
	 */
	record Tier(@DefaultValue("") String baseUrl, @DefaultValue("/v1/chat/completions") String completionsPath,
			@DefaultValue("") String model, @DefaultValue("") String apiKey, @DefaultValue("20s") Duration timeout,
			@DefaultValue("700") int maxTokens, @DefaultValue("0.2") double temperature,
			@DefaultValue("3") int maxAttempts, @DefaultValue("500ms") Duration initialBackoff,
			@DefaultValue("10s") Duration maxRetryAfter, @DefaultValue("8") int maxConcurrentCalls,
			@DefaultValue("2s") Duration maxWait, @DefaultValue("50") int failureRateThreshold,
			@DefaultValue("10") int minimumCalls, @DefaultValue("30s") Duration openDuration,
			@DefaultValue("0") BigDecimal inputCostPerMillion, @DefaultValue("0") BigDecimal outputCostPerMillion,
			@DefaultValue("0") double requestsPerSecond, @DefaultValue("0") long tokensPerMinute,
			@DefaultValue List<String> regions) {

		/**
		 * A tier whose model runs in this process (evaluation stubs): no network, no rate limits, generous bulkhead,
		 * one attempt, a circuit breaker that never opens in a run, no cost.
		 */
		static Tier inProcess(String model) {
			return new Tier("in-process", "", model, "", Duration.ofSeconds(5), 700, 0, 1, Duration.ofMillis(1),
					Duration.ofSeconds(1), 64, Duration.ofSeconds(1), 50, 1000, Duration.ofSeconds(1), BigDecimal.ZERO,
					BigDecimal.ZERO, 0, 0, List.of());
		}

		boolean enabled() {
			return !baseUrl.isBlank() && !model.isBlank();
		}

		/** Whether a tenant of this region may send its data here. */
		boolean serves(String region) {
			return regions.isEmpty() || regions.stream().anyMatch(allowed -> allowed.equalsIgnoreCase(region));
		}
	}

	/**
	 * @param sidebar tiers tried for one interactive draft (sidebar page and {@code POST /api/drafts}), in order
	 * @param campaign tiers tried for bulk drafts, in order
	 * @param largeFromScore leads scoring at least this get the large tier first when it is enabled
	 * @param offlineBelowBudgetShare when less than this share of a tenant's daily budget is left, only tier 0 runs
	 */
	record Routing(@DefaultValue({ "small", "offline" }) List<String> sidebar,
			@DefaultValue({ "large", "small", "offline" }) List<String> campaign,
			@DefaultValue("80") int largeFromScore, @DefaultValue("0.05") double offlineBelowBudgetShare) {
	}

	/**
	 * Which prompt version an angle uses. Rolling back is setting {@code stable} (and {@code canary-percent: 0}).
	 *
	 * @param stable the version most drafts get; absent means the newest version
	 * @param canary a newer version given to {@code canaryPercent} % of leads, chosen by a hash of the lead id
	 * @param shadow a version also run in the background for comparison; stored, never shown or released
	 */
	record Variant(@Nullable Integer stable, @Nullable Integer canary, @DefaultValue("0") int canaryPercent,
			@Nullable Integer shadow) {

		Variant {
			if (canaryPercent < 0 || canaryPercent > 100) {
				throw new IllegalArgumentException("canary-percent must be between 0 and 100");
			}
		}
	}

	record Cache(@DefaultValue("1h") Duration ttl, @DefaultValue("10000") int maxEntries) {
	}

	/** A tenant's daily budget; an absent limit is unlimited. */
	record Budget(@Nullable Long tokensPerDay, @Nullable BigDecimal costPerDay) {
	}

	/** @param frameAncestors origins that may embed the sidebar in a frame (CSP {@code frame-ancestors}) */
	record Sidebar(@DefaultValue("'self'") List<String> frameAncestors) {
	}

	Budget budgetOf(String tenantSlug) {
		return budgets.getOrDefault(tenantSlug, budgets.getOrDefault(DEFAULT, new Budget(null, null)));
	}
}
