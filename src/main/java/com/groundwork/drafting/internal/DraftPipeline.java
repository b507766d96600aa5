package com.groundwork.drafting.internal;

import com.groundwork.drafting.DraftGenerated;
import com.groundwork.guardrail.DraftCheck;
import com.groundwork.guardrail.Guardrails;
import com.groundwork.guardrail.Severity;
import com.groundwork.guardrail.Verdict;
import com.groundwork.lead.LeadFeatures;
import com.groundwork.lead.LeadScores;
import com.groundwork.lead.MinimizedFeatures;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.util.HtmlUtils;

/**
 * One draft, end to end: budget → feature snapshot (minimized) → prompt version → hybrid search → untrusted text
 * screened for injection (flagged passages and lead fields left out) → tiers in order until one writes a draft whose
 * citations are all among the passages → guardrails with a bounded repair loop → stored with its provenance and
 * verdict, {@link DraftGenerated} and {@code DraftChecked} published in the same transaction. A shadow prompt version, when configured, runs afterwards
 * in the background and is stored beside the draft, never shown.
 */
class DraftPipeline {

	private static final Logger log = LoggerFactory.getLogger(DraftPipeline.class);

	private final LeadFeatures leadFeatures;
	private final LeadScores leadScores;
	private final VariantRouter router;
	private final PassageRetrieval retrieval;
	private final TierRouting tiers;
	private final DraftCache cache;
	private final DraftBudget budget;
	private final DraftRepository drafts;
	private final ApplicationEventPublisher events;
	private final TransactionTemplate transactions;
	private final java.util.concurrent.ExecutorService shadows;
	private final DraftingSettings settings;
	private final Clock clock;
	private final Guardrails guardrails;

	DraftPipeline(LeadFeatures leadFeatures, LeadScores leadScores, VariantRouter router, PassageRetrieval retrieval,
			TierRouting tiers, DraftCache cache, DraftBudget budget, DraftRepository drafts,
			ApplicationEventPublisher events, TransactionTemplate transactions, java.util.concurrent.ExecutorService shadows,
			DraftingSettings settings, Clock clock, Guardrails guardrails) {
		this.guardrails = guardrails;
		this.leadFeatures = leadFeatures;
		this.leadScores = leadScores;
		this.router = router;
		this.retrieval = retrieval;
		this.tiers = tiers;
		this.cache = cache;
		this.budget = budget;
		this.drafts = drafts;
		this.events = events;
		this.transactions = transactions;
		this.shadows = shadows;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * @throws com.groundwork.lead.LeadNotFoundException when the tenant has no such lead
	 * @throws BudgetExceededException when the tenant's daily budget is used up
	 */
	Draft generate(GenerationRequest request) {
		long started = System.nanoTime();
		if (request.draftId() != null) {
			var existing = drafts.find(request.tenant(), request.draftId());
			if (existing.isPresent()) {
				return existing.get(); // asked again (a retry after a crash): the draft was written once
			}
		}
		double budgetLeft = budget.check(request.tenant(), request.tenantSlug());
		var snapshot = leadFeatures.snapshot(request.tenant(), request.leadExternalId());
		var lead = LeadContext.of(snapshot, leadScores.scoreOf(request.tenant(), request.leadExternalId()));
		var route = router.route(request.tenantSlug(), request.angle(), request.leadExternalId(),
				request.promptVariant());
		var composed = compose(request, lead, route.prompt(), route.variant(), null, budgetLeft, started);
		if (request.draftId() != null) {
			try {
				save(composed);
			}
			catch (DuplicateKeyException raced) {
				// Another instance wrote the draft of this id meanwhile: the primary key keeps one, theirs.
				return drafts.find(request.tenant(), request.draftId()).orElseThrow(() -> raced);
			}
		}
		else {
			save(composed);
		}
		var draft = composed.draft();
		route.shadow().ifPresent(shadow -> shadows.execute(() -> {
			try {
				save(compose(request, lead, shadow, "shadow", draft.id(), budgetLeft, System.nanoTime()));
			}
			catch (RuntimeException ex) {
				log.warn("Shadow draft {} of draft {} failed: {}", shadow.reference(), draft.id(), ex.toString());
			}
		}));
		return draft;
	}

	/** A draft with what the guardrails checked and concluded (none for a failed draft). */
	private record Composed(Draft draft, @Nullable DraftCheck check, @Nullable Verdict verdict, int repairs) {
	}

	private Composed compose(GenerationRequest request, LeadContext fullLead, PromptFile prompt, String variant,
			@Nullable UUID shadowOf, double budgetLeft, long started) {
		var retrieved = retrieval.retrieve(request.tenant(), prompt, fullLead, settings.passages());
		// Untrusted text is screened before any tier sees it: flagged passages and lead fields are left out.
		var untrusted = GuardrailInputs.untrusted(fullLead.snapshot());
		var allPassages = GuardrailInputs.passages(retrieved.passages());
		var screened = guardrails.screen(request.tenant(), allPassages, untrusted);
		var flaggedPassages = GuardrailInputs.flagged(screened, "passage:");
		var flaggedInputs = GuardrailInputs.flagged(screened, "input:");
		var lead = withheld(fullLead, flaggedInputs);
		var kept = relabel(retrieved.passages(), flaggedPassages);
		if (!flaggedPassages.isEmpty() || !flaggedInputs.isEmpty()) {
			log.info("Draft for lead {}: instruction-like text in {} passage(s) and in the lead's fields {}; none of it reaches a prompt",
					request.leadExternalId(), flaggedPassages.size(), flaggedInputs);
		}
		var input = new DraftInput(prompt, request.angle(), request.tone(), lead, kept, request.guidance());
		var attempts = new ArrayList<Draft.Attempt>();
		Composition written = null;
		Drafter writer = null;
		String failure = null;
		if (kept.isEmpty()) {
			failure = retrieved.passages().isEmpty()
					? "No knowledge passage matched this lead and angle; add documents to the tenant's knowledge"
					: "Every passage found holds instruction-like text and was left out; review the knowledge documents";
			attempts.add(new Draft.Attempt(0, OfflineDrafter.MODEL, "no-grounding", failure));
		}
		else {
			for (var drafter : tiers.plan(request.tenant(), request.channel(), lead.score().score(), budgetLeft)) {
				var key = DraftCache.key(input, drafter.model());
				var cached = cache.get(key);
				if (cached.isPresent()) {
					written = cached.get().fromCache();
					writer = drafter;
					attempts.add(new Draft.Attempt(drafter.tier(), drafter.model(), "cached", null));
					break;
				}
				try {
					var composition = drafter.write(input);
					Citations.check(composition.draft(), kept);
					cache.put(key, composition);
					written = composition;
					writer = drafter;
					attempts.add(new Draft.Attempt(drafter.tier(), drafter.model(), "generated", null));
					break;
				}
				catch (DraftingFailedException ex) {
					failure = "Tier " + drafter.tier() + " (" + drafter.model() + "): " + ex.getMessage();
					attempts.add(new Draft.Attempt(drafter.tier(), drafter.model(), ex.code(), ex.getMessage()));
					log.info("Draft for lead {} angle {}: tier {} failed ({})", request.leadExternalId(),
							request.angle().slug(), drafter.tier(), ex.code());
				}
			}
		}
		var passages = kept.stream().map(GroundingPassage::reference).toList();
		var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		var id = idOf(request, shadowOf);
		if (written == null || writer == null) {
			long latency = (System.nanoTime() - started) / 1_000_000;
			var provenance = new Draft.Provenance(prompt.reference(), variant, "none", -1, passages,
					lead.snapshot().reference(), retrieved.query(), 0, 0, BigDecimal.ZERO, latency, 0, false, false,
					attempts);
			return new Composed(new Draft(id, request.tenant(), request.leadExternalId(), request.angle().slug(),
					request.tone().slug(), channel(request), Draft.Status.FAILED, failure, "",
					new Draft.Content(List.of(), "", lead.score()), provenance, shadowOf, request.actor(), now, null),
					null, null, 0);
		}

		// Guardrails, with a bounded repair loop: safe deterministic edits first, else a re-prompt of a model tier.
		var byLabel = PassageRetrieval.byLabel(kept);
		var facts = GuardrailInputs.facts(lead.minimized());
		var recipient = GuardrailInputs.recipient(fullLead.snapshot());
		var check = GuardrailInputs.check(request, id, written.draft(), byLabel, allPassages, facts, untrusted, recipient);
		var verdict = guardrails.check(check);
		int repairs = 0;
		while (verdict instanceof Verdict.NeedsRepair && repairs < settings.repairRounds()) {
			var edit = GuardrailRepairs.apply(written.draft(), verdict.findings());
			if (edit.changed()) {
				written = written.withDraft(edit.draft());
				attempts.add(new Draft.Attempt(writer.tier(), writer.model(), "guardrail-edit", String.join("; ", edit.edits())));
			}
			else if (writer.tier() > 0) {
				try {
					var guidance = verdict.findings().stream()
						.filter(finding -> finding.severity() == Severity.REPAIR)
						.map(finding -> finding.message() + (finding.span() == null ? "" : " [" + finding.span().field() + "]"))
						.distinct()
						.toList();
					var again = writer.write(input.withGuidance(guidance));
					Citations.check(again.draft(), kept);
					written = written.plus(again);
					attempts.add(new Draft.Attempt(writer.tier(), writer.model(), "guardrail-reprompt",
							guidance.size() + " finding(s) given as guidance"));
				}
				catch (DraftingFailedException ex) {
					attempts.add(new Draft.Attempt(writer.tier(), writer.model(), ex.code(), ex.getMessage()));
					break;
				}
			}
			else {
				break; // tier 0 cannot be re-prompted: the reviewer sees the findings
			}
			repairs++;
			check = GuardrailInputs.check(request, id, written.draft(), byLabel, allPassages, facts, untrusted, recipient);
			verdict = guardrails.check(check);
		}

		long latency = (System.nanoTime() - started) / 1_000_000;
		var provenance = new Draft.Provenance(prompt.reference(), variant, written.model(), written.tier(), passages,
				lead.snapshot().reference(), retrieved.query(), written.promptTokens(), written.completionTokens(),
				written.cost(), latency, written.modelMillis(), written.cached(), written.repaired(), attempts);
		var sentences = written.draft()
			.sentences()
			.stream()
			.map(sentence -> new Draft.CitedSentence(sentence.text(), sentence.passages()
				.stream()
				.distinct()
				.map(label -> citation(byLabel.get(label), sentence.text()))
				.toList()))
			.toList();
		var draft = new Draft(id, request.tenant(), request.leadExternalId(), request.angle().slug(),
				request.tone().slug(), channel(request), Draft.Status.GENERATED, null, written.draft().subject(),
				new Draft.Content(sentences, written.draft().callToAction(), lead.score()), provenance, shadowOf,
				request.actor(), now, null);
		return new Composed(draft, check, verdict, repairs);
	}

	/** The lead without the minimized features the screen flagged: a model never sees them. */
	private static LeadContext withheld(LeadContext lead, Set<String> flagged) {
		if (flagged.isEmpty()) {
			return lead;
		}
		var minimized = lead.minimized();
		var kept = minimized.values().stream().filter(value -> !flagged.contains(value.name())).toList();
		return new LeadContext(lead.externalId(), lead.snapshot(),
				new MinimizedFeatures(minimized.snapshotId(), minimized.snapshotHash(), kept), lead.score());
	}

	/** The passages not flagged, labelled P1… again in rank order. */
	private static List<GroundingPassage> relabel(List<GroundingPassage> passages, Set<String> flagged) {
		if (flagged.isEmpty()) {
			return passages;
		}
		var kept = new ArrayList<GroundingPassage>();
		for (var grounding : passages) {
			if (!flagged.contains(grounding.passage().chunkId().toString())) {
				kept.add(new GroundingPassage("P" + (kept.size() + 1), grounding.passage()));
			}
		}
		return kept;
	}

	/**
	 * Stores the draft and, for a generated draft that is not a shadow, its verdict, in one transaction: the draft is
	 * never visible without its verdict, and {@link DraftGenerated} and {@code DraftChecked} are published together.
	 */
	private void save(Composed composed) {
		var draft = composed.draft();
		transactions.executeWithoutResult(status -> {
			drafts.insert(draft);
			budget.spend(draft.tenant(), draft.provenance().promptTokens() + draft.provenance().completionTokens(),
					draft.provenance().cost());
			if (draft.status() == Draft.Status.GENERATED && draft.shadowOf() == null) {
				events.publishEvent(new DraftGenerated(draft.tenant(), draft.id(), draft.leadExternalId(), draft.angle(),
						draft.provenance().prompt(), draft.provenance().model(), draft.provenance().tier(),
						draft.provenance().featureSnapshot(), draft.createdAt()));
				if (composed.check() != null && composed.verdict() != null) {
					guardrails.record(composed.check(), composed.verdict(), composed.repairs());
				}
			}
		});
	}

	/** The id the request asked for; a shadow draft always gets its own. */
	private static UUID idOf(GenerationRequest request, @Nullable UUID shadowOf) {
		return shadowOf == null && request.draftId() != null ? request.draftId() : UUID.randomUUID();
	}

	private static String channel(GenerationRequest request) {
		return request.channel().name().toLowerCase(Locale.ROOT);
	}

	/** The cited passage with an excerpt around the sentence it supports (or its beginning), as plain text. */
	static Draft.Citation citation(GroundingPassage grounding, String sentence) {
		var passage = grounding.passage();
		var text = passage.text().replace("**", "").replaceAll("\\s+", " ").strip();
		var at = text.indexOf(sentence.length() > 30 ? sentence.substring(0, 30) : sentence);
		String snippet;
		if (at >= 0) {
			int from = Math.max(0, at - 60);
			int to = Math.min(text.length(), at + Math.max(sentence.length(), 200) + 40);
			snippet = (from > 0 ? "…" : "") + text.substring(from, to) + (to < text.length() ? "…" : "");
		}
		else {
			var plain = HtmlUtils.htmlUnescape(passage.snippet().replaceAll("</?mark>", ""));
			snippet = plain.isBlank() ? text.substring(0, Math.min(text.length(), 240)) : plain;
		}
		return new Draft.Citation(passage.chunkId(), passage.documentId(), passage.documentTitle(),
				passage.headingPath(), snippet, passage.contentHash());
	}

	/** Stops taking shadow drafts; those running finish. */
	void close() {
		shadows.shutdown();
	}
}
