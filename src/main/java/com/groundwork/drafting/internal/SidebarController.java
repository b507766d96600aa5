package com.groundwork.drafting.internal;

import com.groundwork.identity.CurrentActor;
import com.groundwork.identity.Role;
import com.groundwork.lead.LeadFeatures;
import com.groundwork.lead.LeadScores;
import jakarta.annotation.security.RolesAllowed;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The CRM sidebar: one lead's facts and score, angle and tone pickers, and a grounded draft whose cited sentences show
 * their passages on hover. Embeddable in the CRM's iframe (see {@link SidebarFrameFilter}).
 */
@Controller
class SidebarController {

	private final DraftService drafts;
	private final LeadFeatures leadFeatures;
	private final LeadScores leadScores;
	private final CurrentActor currentActor;

	SidebarController(DraftService drafts, LeadFeatures leadFeatures, LeadScores leadScores,
			CurrentActor currentActor) {
		this.drafts = drafts;
		this.leadFeatures = leadFeatures;
		this.leadScores = leadScores;
		this.currentActor = currentActor;
	}

	@GetMapping("/sidebar")
	@RolesAllowed({ Role.Names.REP, Role.Names.MARKETER, Role.Names.ADMIN })
	String sidebar(@RequestParam(required = false) @Nullable String lead,
			@RequestParam(required = false) @Nullable String angle, @RequestParam(required = false) @Nullable String tone,
			Model model) {
		model.addAttribute("angles", Angle.slugs());
		model.addAttribute("tones", Tone.slugs());
		model.addAttribute("angle", angle != null && Angle.of(angle).isPresent() ? angle : Angle.INTRO.slug());
		model.addAttribute("tone", tone != null && Tone.of(tone).isPresent() ? tone : Tone.FRIENDLY.slug());
		if (lead != null && !lead.isBlank()) {
			var tenant = currentActor.tenant();
			var snapshot = leadFeatures.snapshot(tenant, lead.strip());
			model.addAttribute("lead", snapshot.externalId());
			model.addAttribute("facts", snapshot.minimized().values());
			model.addAttribute("score", leadScores.scoreOf(tenant, snapshot.externalId()));
		}
		return "drafting/sidebar";
	}

	@PostMapping("/sidebar/drafts")
	@RolesAllowed({ Role.Names.REP, Role.Names.MARKETER, Role.Names.ADMIN })
	String generate(@RequestParam(required = false) @Nullable String lead,
			@RequestParam(required = false) @Nullable String angle, @RequestParam(required = false) @Nullable String tone,
			Model model) {
		try {
			var draft = drafts.create(new DraftRequest(null, lead, angle, tone), GenerationRequest.Channel.SIDEBAR);
			model.addAttribute("draft", draft);
			model.addAttribute("marks", FindingMarks.of(draft, drafts.verdictOf(draft)));
		}
		catch (ErrorResponseException refused) {
			model.addAttribute("problem", refused.getBody().getDetail());
		}
		return "drafting/sidebar :: draft";
	}

	@PostMapping("/sidebar/drafts/{id}/submit")
	@RolesAllowed({ Role.Names.REP, Role.Names.MARKETER, Role.Names.ADMIN })
	String submit(@PathVariable UUID id, Model model) {
		try {
			var draft = drafts.submit(id);
			model.addAttribute("draft", draft);
			model.addAttribute("marks", FindingMarks.of(draft, drafts.verdictOf(draft)));
		}
		catch (DraftRequestProblem refused) {
			model.addAttribute("problem", refused.getBody().getDetail());
		}
		return "drafting/sidebar :: draft";
	}
}
