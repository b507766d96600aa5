package com.groundwork.campaign.internal;

import com.groundwork.drafting.Drafts;
import com.groundwork.identity.CurrentActor;
import com.groundwork.identity.Role;
import jakarta.annotation.security.RolesAllowed;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * The campaigns page: the tenant's campaigns, a form to start one from a CSV, and one campaign's live progress (fed
 * by {@code /api/campaigns/{id}/events}), blocked reasons chart, controls and export.
 */
@Controller
class CampaignPageController {

	private final CampaignIntake intake;
	private final CampaignService campaigns;
	private final CampaignProgress progress;
	private final Drafts drafts;
	private final CurrentActor currentActor;
	private final JsonMapper mapper;

	CampaignPageController(CampaignIntake intake, CampaignService campaigns, CampaignProgress progress, Drafts drafts,
			CurrentActor currentActor, JsonMapper mapper) {
		this.mapper = mapper;
		this.intake = intake;
		this.campaigns = campaigns;
		this.progress = progress;
		this.drafts = drafts;
		this.currentActor = currentActor;
	}

	@GetMapping("/campaigns")
	@RolesAllowed({ Role.Names.MARKETER, Role.Names.ADMIN })
	String list(Model model) {
		var actor = currentActor.require();
		model.addAttribute("campaigns",
				campaigns.list(actor.tenantId(), 100).stream().map(c -> progress.view(c, false)).toList());
		model.addAttribute("angles", drafts.angles());
		// a fresh key per form: submitting the form twice starts one campaign
		model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
		return "campaigns/list";
	}

	@PostMapping("/campaigns")
	@RolesAllowed({ Role.Names.MARKETER, Role.Names.ADMIN })
	String create(@RequestParam(required = false) @Nullable String name,
			@RequestParam(required = false) @Nullable String angle,
			@RequestParam(required = false) @Nullable String promptVariant,
			@RequestParam(required = false) @Nullable String idempotencyKey,
			@RequestParam(name = "file", required = false) @Nullable MultipartFile file, RedirectAttributes flash)
			throws IOException {
		if (file == null || file.isEmpty()) {
			flash.addFlashAttribute("error", "Choose a CSV file of leads to upload.");
			return "redirect:/campaigns";
		}
		try (var csv = file.getInputStream()) {
			var created = intake.fromCsv(currentActor.require(), idempotencyKey == null || idempotencyKey.isBlank() ? null
					: idempotencyKey, new CampaignIntake.Description(name, angle,
							promptVariant == null || promptVariant.isBlank() ? null : promptVariant),
					csv, StandardCharsets.UTF_8);
			var report = created.campaign().importSummary();
			if (report != null) {
				flash.addFlashAttribute("message", "Started with " + report.accepted() + " of " + report.rows()
						+ " leads" + (report.errors().isEmpty() ? "." : "; see the rows that were refused below."));
			}
			return "redirect:/campaigns/" + created.campaign().id();
		}
		catch (ErrorResponseException refused) {
			flash.addFlashAttribute("error", refused.getBody().getDetail());
			return "redirect:/campaigns";
		}
	}

	@GetMapping("/campaigns/{id}")
	@RolesAllowed({ Role.Names.MARKETER, Role.Names.ADMIN })
	String campaign(@PathVariable UUID id, Model model) {
		var view = progress.view(campaigns.get(currentActor.tenant(), id), true);
		model.addAttribute("campaign", view);
		model.addAttribute("blockedJson", mapper.writeValueAsString(view.blockedReasons()));
		return "campaigns/campaign";
	}

	@PostMapping("/campaigns/{id}/control")
	@RolesAllowed({ Role.Names.MARKETER, Role.Names.ADMIN })
	String control(@PathVariable UUID id, @RequestParam(required = false) @Nullable String action,
			RedirectAttributes flash) {
		var actor = currentActor.require();
		campaigns.get(actor.tenantId(), id); // 404 before anything else
		try {
			switch (action == null ? "" : action) {
				case "pause" -> campaigns.pause(actor.tenantId(), id);
				case "resume" -> campaigns.resume(actor.tenantId(), id);
				case "cancel" -> campaigns.cancel(actor, id);
				default -> flash.addFlashAttribute("error", "Choose pause, resume or cancel.");
			}
		}
		catch (ErrorResponseException refused) {
			flash.addFlashAttribute("error", refused.getBody().getDetail());
		}
		return "redirect:/campaigns/" + id;
	}
}
