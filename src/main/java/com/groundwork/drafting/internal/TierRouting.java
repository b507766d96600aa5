package com.groundwork.drafting.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which tiers a draft tries, in order: the routing policy of its channel (interactive or campaign), the large tier
 * first for campaign leads scoring high, tier 0 alone when the budget runs low, and tier 0 last as the fallback.
 */
class TierRouting {

	private final Map<String, Drafter> drafters;
	private final DraftingSettings settings;

	/** @param drafters the enabled tiers by name: {@code offline}, {@code small}, {@code large} */
	TierRouting(Map<String, Drafter> drafters, DraftingSettings settings) {
		this.drafters = drafters;
		this.settings = settings;
	}

	List<Drafter> plan(GenerationRequest.Channel channel, int leadScore, double budgetLeft) {
		var routing = settings.routing();
		var names = new ArrayList<>(channel.interactive() ? routing.sidebar() : routing.campaign());
		if (!channel.interactive() && leadScore < routing.largeFromScore()) {
			names.remove("large");
		}
		if (budgetLeft < routing.offlineBelowBudgetShare()) {
			names = new ArrayList<>(List.of("offline"));
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
}
