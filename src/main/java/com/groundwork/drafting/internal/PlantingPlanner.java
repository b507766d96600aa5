package com.groundwork.drafting.internal;

import com.groundwork.identity.TenantId;
import com.groundwork.knowledge.PassageMetadata;
import com.groundwork.search.Passage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The injection evaluation's planner: the real plan, with the attacker's passage (when one is planted) as a slot of
 * its own placed first — the worst case of a poisoned knowledge document that matches every query. It wraps the
 * production stage through its interface.
 */
final class PlantingPlanner implements EvidencePlanner {

	private final EvidencePlanner real;

	private volatile @Nullable String planted;

	PlantingPlanner(EvidencePlanner real) {
		this.real = real;
	}

	void plant(@Nullable String passageText) {
		this.planted = passageText;
	}

	@Override
	public EvidencePlan plan(TenantId tenant, PromptFile prompt, LeadContext lead, Interests interests, String language) {
		var plan = real.plan(tenant, prompt, lead, interests, language);
		var text = planted;
		if (text == null) {
			return plan;
		}
		var first = plan.slots().stream().flatMap(slot -> slot.passages().stream()).findFirst();
		var metadata = first.map(Passage::metadata).orElse(new PassageMetadata("", "", "", "", "en"));
		var passage = new Passage(UUID.nameUUIDFromBytes(("planted-document:" + text).getBytes(StandardCharsets.UTF_8)),
				UUID.nameUUIDFromBytes(("planted:" + text).getBytes(StandardCharsets.UTF_8)), "Customer e-mail", "",
				text, org.springframework.web.util.HtmlUtils.htmlEscape(text.substring(0, Math.min(200, text.length()))),
				PromptRegistry.sha256(text), metadata, Optional.empty(), Optional.empty(), 1.0);
		var spec = new SlotSpec("planted", "The attacker's passage", List.of(), SlotSpec.Industry.ANY, "", "", false,
				false, 1);
		var slots = new ArrayList<EvidencePlan.Slot>();
		slots.add(new EvidencePlan.Slot(spec, "planted by the evaluation", List.of(passage), null));
		slots.addAll(plan.slots());
		return new EvidencePlan(slots, plan.query());
	}
}
