package com.groundwork.knowledge.internal;

import com.groundwork.identity.CurrentActor;
import com.groundwork.identity.Role;
import com.groundwork.knowledge.DocumentRejectedException;
import com.groundwork.knowledge.KnowledgeIngestion.IngestionOutcome;
import com.groundwork.knowledge.SourceDocument;
import jakarta.annotation.security.RolesAllowed;
import java.io.IOException;
import java.util.EnumSet;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The knowledge page: the tenant's documents, an upload form, folder sync and the search box. */
@Controller
class KnowledgePageController {

	private static final String BACK = "redirect:/knowledge";

	private final KnowledgeDocuments documents;

	private final CurrentActor currentActor;

	private final KnowledgeSettings settings;

	KnowledgePageController(KnowledgeDocuments documents, CurrentActor currentActor, KnowledgeSettings settings) {
		this.documents = documents;
		this.currentActor = currentActor;
		this.settings = settings;
	}

	@GetMapping("/knowledge")
	@RolesAllowed({ Role.Names.ADMIN, Role.Names.MARKETER, Role.Names.REP, Role.Names.REVIEWER })
	String page(Model model) {
		var actor = currentActor.require();
		model.addAttribute("documents", documents.list(actor.tenantId()));
		model.addAttribute("canManage", actor.hasAnyRole(EnumSet.of(Role.ADMIN, Role.MARKETER)));
		model.addAttribute("maxDocumentSize", settings.maxDocumentSize().toMegabytes() + " MB");
		return "knowledge";
	}

	@PostMapping("/knowledge/documents")
	@RolesAllowed({ Role.Names.ADMIN, Role.Names.MARKETER })
	String upload(@RequestParam(name = "file", required = false) MultipartFile file, RedirectAttributes flash)
			throws IOException {
		var source = file == null || file.isEmpty() ? null : UploadedFileName.of(file.getOriginalFilename()).orElse(null);
		if (source == null) {
			flash.addFlashAttribute("error", "Choose a file to upload.");
			return BACK;
		}
		try {
			var uploaded = documents.upload(currentActor.tenant(), new SourceDocument(source, file.getBytes()));
			flash.addFlashAttribute("message", uploaded.outcome().status() == IngestionOutcome.Status.UNCHANGED
					? source + " is unchanged; nothing to do."
					: "Indexed " + source + ": " + uploaded.outcome().chunks() + " passages.");
		}
		catch (DocumentRejectedException ex) {
			flash.addFlashAttribute("error", ex.getMessage());
		}
		return BACK;
	}

	@PostMapping("/knowledge/sync")
	@RolesAllowed({ Role.Names.ADMIN, Role.Names.MARKETER })
	String sync(RedirectAttributes flash) {
		var report = documents.sync(currentActor.tenant());
		flash.addFlashAttribute("message", "Synced the knowledge folder: " + report.indexed() + " indexed, "
				+ report.unchanged() + " unchanged, " + report.removed() + " removed, " + report.failed() + " failed.");
		if (!report.errors().isEmpty()) {
			flash.addFlashAttribute("errors", report.errors());
		}
		return BACK;
	}

	@PostMapping("/knowledge/documents/{id}/delete")
	@RolesAllowed({ Role.Names.ADMIN, Role.Names.MARKETER })
	String delete(@PathVariable UUID id, RedirectAttributes flash) {
		var document = documents.get(currentActor.tenant(), id);
		documents.delete(currentActor.tenant(), id);
		flash.addFlashAttribute("message", "Deleted " + document.source() + ".");
		return BACK;
	}
}
