package com.groundwork.drafting.internal;

import com.groundwork.identity.TenantId;
import com.groundwork.identity.TenantRegions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Which tiers a draft tries, in order: the routing policy of its channel (interactive or campaign), the large tier
 * first for campaign leads scoring high, tier 0 alone when the budget runs low, and tier 0 last as the fallback.
 * Region pinning: a model tier whose {@code regions} leave out the tenant's region never sees its data; when that
 * leaves none of the model tiers the routing asked for, the draft is refused rather than quietly written by tier 0.
 */
class TierRouting {

	private final Map<String, Drafter> drafters;
	private final DraftingSettings settings;
	private final TenantRegions tenants;

	/** @param drafters the enabled tiers by name: {@code offline}, {@code small}, {@code large} */
	TierRouting(Map<String, Drafter> drafters, DraftingSettings settings, TenantRegions tenants) {
		this.drafters = drafters;
		this.settings = settings;
		this.tenants = tenants;
	}

	/**
	 * @throws RegionNotAllowedException when every model tier the routing names is outside the tenant's region
	 */
	List<Drafter> plan(TenantId tenant, GenerationRequest.Channel channel, int leadScore, double budgetLeft) {
		var routing = settings.routing();
		var names = new ArrayList<>(channel.interactive() ? routing.sidebar() : routing.campaign());
		if (!channel.interactive() && leadScore < routing.largeFromScore()) {
			names.remove("large");
		}
		if (budgetLeft < routing.offlineBelowBudgetShare()) {
			names = new ArrayList<>(List.of("offline"));
		}
		var region = tenants.regionOf(tenant);
		var refused = names.stream()
			.filter(name -> drafters.containsKey(name) && settings.tiers().get(name) != null
					&& !settings.tiers().get(name).serves(region))
			.toList();
		names.removeAll(refused);
		if (!refused.isEmpty() && names.stream().noneMatch(name -> drafters.containsKey(name) && !name.equals("offline"))) {
			throw new RegionNotAllowedException(region, refused.getFirst(), settings.tiers().get(refused.getFirst()).regions());
		}
		var plan = new ArrayList<Drafter>();
		for (var name : names) {
			var drafter = drafters.get(name);
			if (drafter != null && !plan.contains(drafter)) {
				plan.add(drafter);
			}
		}
		if (!settings.fallbackToOffline() && !plan.isEmpty()) {
			return List.of(plan.getFirst());
		}
		var offline = drafters.get("offline");
		if (!plan.contains(offline)) {
			plan.add(offline);
		}
		return plan;
	}

	/** A tenant's data would have gone to a model endpoint outside its region. */
	static final class RegionNotAllowedException extends ErrorResponseException {

		RegionNotAllowedException(String region, String tier, List<String> tierRegions) {
			super(HttpStatus.FORBIDDEN, problem(region, tier, tierRegions), null);
		}

		private static ProblemDetail problem(String region, String tier, List<String> tierRegions) {
			var problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "Your tenant's data is pinned to region "
					+ region + ", and the model tier '" + tier + "' this draft is routed to serves only " + tierRegions
					+ ": nothing was sent. Route the tenant to a tier of its region (groundwork.drafting.tiers." + tier
					+ ".regions, groundwork.drafting.routing).");
			problem.setTitle("Data region not allowed");
			problem.setProperty("region", region);
			problem.setProperty("tier", tier);
			return problem;
		}
	}
}
