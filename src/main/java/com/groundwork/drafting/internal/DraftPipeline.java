package com.groundwork.drafting.internal;

import com.groundwork.drafting.DraftGenerated;
import com.groundwork.lead.LeadFeatures;
import com.groundwork.lead.LeadScores;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.util.HtmlUtils;

/**
 * One draft, end to end: budget → feature snapshot (minimized) → prompt version → hybrid search → tiers in order until
 * one writes a draft whose citations are all among the retrieved passages → stored with its provenance, and
 * {@link DraftGenerated} published in the same transaction. A shadow prompt version, when configured, runs afterwards
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

	DraftPipeline(LeadFeatures leadFeatures, LeadScores leadScores, VariantRouter router, PassageRetrieval retrieval,
			TierRouting tiers, DraftCache cache, DraftBudget budget, DraftRepository drafts,
			ApplicationEventPublisher events, TransactionTemplate transactions, java.util.concurrent.ExecutorService shadows,
			DraftingSettings settings, Clock clock) {
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
		double budgetLeft = budget.check(request.tenant(), request.tenantSlug());
		var snapshot = leadFeatures.snapshot(request.tenant(), request.leadExternalId());
		var lead = LeadContext.of(snapshot, leadScores.scoreOf(request.tenant(), request.leadExternalId()));
		var route = router.route(request.tenantSlug(), request.angle(), request.leadExternalId());
		var draft = compose(request, lead, route.prompt(), route.variant(), null, budgetLeft, started);
		save(draft);
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

	private Draft compose(GenerationRequest request, LeadContext lead, PromptFile prompt, String variant,
			@Nullable UUID shadowOf, double budgetLeft, long started) {
		var retrieved = retrieval.retrieve(request.tenant(), prompt, lead, settings.passages());
		var input = new DraftInput(prompt, request.angle(), request.tone(), lead, retrieved.passages());
		var attempts = new ArrayList<Draft.Attempt>();
		Composition written = null;
		String failure = null;
		if (retrieved.passages().isEmpty()) {
			failure = "No knowledge passage matched this lead and angle; add documents to the tenant's knowledge";
			attempts.add(new Draft.Attempt(0, OfflineDrafter.MODEL, "no-grounding", failure));
		}
		else {
			for (var drafter : tiers.plan(request.tenant(), request.channel(), lead.score().score(), budgetLeft)) {
				var key = DraftCache.key(input, drafter.model());
				var cached = cache.get(key);
				if (cached.isPresent()) {
					written = cached.get().fromCache();
					attempts.add(new Draft.Attempt(drafter.tier(), drafter.model(), "cached", null));
					break;
				}
				try {
					var composition = drafter.write(input);
					Citations.check(composition.draft(), retrieved.passages());
					cache.put(key, composition);
					written = composition;
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
		long latency = (System.nanoTime() - started) / 1_000_000;
		var passages = retrieved.passages().stream().map(GroundingPassage::reference).toList();
		var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		if (written == null) {
			var provenance = new Draft.Provenance(prompt.reference(), variant, "none", -1, passages,
					lead.snapshot().reference(), retrieved.query(), 0, 0, BigDecimal.ZERO, latency, 0, false, false,
					attempts);
			return new Draft(UUID.randomUUID(), request.tenant(), request.leadExternalId(), request.angle().slug(),
					request.tone().slug(), channel(request), Draft.Status.FAILED, failure, "",
					new Draft.Content(List.of(), "", lead.score()), provenance, shadowOf, request.actor(), now, null);
		}
		var provenance = new Draft.Provenance(prompt.reference(), variant, written.model(), written.tier(), passages,
				lead.snapshot().reference(), retrieved.query(), written.promptTokens(), written.completionTokens(),
				written.cost(), latency, written.modelMillis(), written.cached(), written.repaired(), attempts);
		var byLabel = PassageRetrieval.byLabel(retrieved.passages());
		var sentences = written.draft()
			.sentences()
			.stream()
			.map(sentence -> new Draft.CitedSentence(sentence.text(), sentence.passages()
				.stream()
				.distinct()
				.map(label -> citation(byLabel.get(label), sentence.text()))
				.toList()))
			.toList();
		return new Draft(UUID.randomUUID(), request.tenant(), request.leadExternalId(), request.angle().slug(),
				request.tone().slug(), channel(request), Draft.Status.GENERATED, null, written.draft().subject(),
				new Draft.Content(sentences, written.draft().callToAction(), lead.score()), provenance, shadowOf,
				request.actor(), now, null);
	}

	private void save(Draft draft) {
		transactions.executeWithoutResult(status -> {
			drafts.insert(draft);
			budget.spend(draft.tenant(), draft.provenance().promptTokens() + draft.provenance().completionTokens(),
					draft.provenance().cost());
			if (draft.status() == Draft.Status.GENERATED && draft.shadowOf() == null) {
				events.publishEvent(new DraftGenerated(draft.tenant(), draft.id(), draft.leadExternalId(), draft.angle(),
						draft.provenance().prompt(), draft.provenance().model(), draft.provenance().tier(),
						draft.provenance().featureSnapshot(), draft.createdAt()));
			}
		});
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
