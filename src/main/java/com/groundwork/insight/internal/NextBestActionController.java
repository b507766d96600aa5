package com.groundwork.insight.internal;

import com.groundwork.identity.CurrentActor;
import com.groundwork.identity.Role;
import com.groundwork.lead.LeadNotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * Next-best-action of a lead: as JSON, and as the small fragment the CRM sidebar loads beside the lead's facts
 * (drafting's sidebar asks for it by URL, so neither module depends on the other).
 */
@Tag(name = "Insights")
@Controller
class NextBestActionController {

	private final CurrentActor currentActor;
	private final NextBestActionService actions;

	NextBestActionController(CurrentActor currentActor, NextBestActionService actions) {
		this.currentActor = currentActor;
		this.actions = actions;
	}

	@Operation(summary = "What to do next with a lead (draft intro, follow-up or case study, wait, do not contact), "
			+ "from the rule table over its score, consent, last touch and outcomes, with the reasons")
	@GetMapping("/api/leads/{externalId}/next-best-action")
	@RolesAllowed({ Role.Names.REP, Role.Names.MARKETER, Role.Names.ADMIN, Role.Names.REVIEWER, Role.Names.AUDITOR })
	@ResponseBody
	NextBestActionService.NextBestAction nextBestAction(@PathVariable String externalId) {
		return actions.decide(currentActor.tenant(), externalId);
	}

	@GetMapping("/insights/next-best-action")
	@RolesAllowed({ Role.Names.REP, Role.Names.MARKETER, Role.Names.ADMIN })
	String fragment(@RequestParam(required = false) @Nullable String lead, Model model) {
		if (lead == null || lead.isBlank()) {
			model.addAttribute("problem", "Which lead? Give ?lead=<CRM id>");
			return "insights/next-best-action :: action";
		}
		try {
			model.addAttribute("nba", actions.decide(currentActor.tenant(), lead.strip()));
		}
		catch (LeadNotFoundException unknown) {
			model.addAttribute("problem", unknown.getBody().getDetail());
		}
		return "insights/next-best-action :: action";
	}
}
