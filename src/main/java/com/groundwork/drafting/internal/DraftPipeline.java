package com.groundwork.drafting.internal;

import com.groundwork.drafting.DraftGenerated;
import com.groundwork.guardrail.DraftCheck;
import com.groundwork.guardrail.Guardrails;
import com.groundwork.guardrail.Severity;
import com.groundwork.guardrail.Verdict;
import com.groundwork.lead.LeadFeatures;
import com.groundwork.lead.LeadScores;
import com.groundwork.lead.MinimizedFeatures;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
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
 * <p>
 * Each stage is a Micrometer observation (a timer, and a span when tracing is on): {@value #DRAFT} around it all,
 * {@value #RETRIEVAL}, {@value #GENERATION} per tier tried and {@value #GUARDRAIL} per check, tagged with bounded
 * values only (tenant slug, angle, variant, channel, tier, model, outcome), never a lead or draft id.
 */
class DraftPipeline {

	private static final Logger log = LoggerFactory.getLogger(DraftPipeline.class);

	static final String DRAFT = "groundwork.draft";
	static final String RETRIEVAL = "groundwork.draft.retrieval";
	static final String GENERATION = "groundwork.draft.generation";
	static final String GUARDRAIL = "groundwork.guardrail.check";

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
	private final ObservationRegistry observations;
	private final DraftScoring scoring;

	DraftPipeline(LeadFeatures leadFeatures, LeadScores leadScores, VariantRouter router, PassageRetrieval retrieval,
			TierRouting tiers, DraftCache cache, DraftBudget budget, DraftRepository drafts,
			ApplicationEventPublisher events, TransactionTemplate transactions, java.util.concurrent.ExecutorService shadows,
			DraftingSettings settings, Clock clock, Guardrails guardrails, ObservationRegistry observations,
			DraftScoring scoring) {
		this.scoring = scoring;
		this.guardrails = guardrails;
		this.observations = observations;
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

	/** Unobserved: for evaluations that build a pipeline of their own. */
	DraftPipeline(LeadFeatures leadFeatures, LeadScores leadScores, VariantRouter router, PassageRetrieval retrieval,
			TierRouting tiers, DraftCache cache, DraftBudget budget, DraftRepository drafts,
			ApplicationEventPublisher events, TransactionTemplate transactions, java.util.concurrent.ExecutorService shadows,
			DraftingSettings settings, Clock clock, Guardrails guardrails, DraftScoring scoring) {
		this(leadFeatures, leadScores, router, retrieval, tiers, cache, budget, drafts, events, transactions, shadows,
				settings, clock, guardrails, ObservationRegistry.NOOP, scoring);
	}

	/**
	 * @throws com.groundwork.lead.LeadNotFoundException when the tenant has no such lead
	 * @throws BudgetExceededException when the tenant's daily budget is used up
	 */
	Draft generate(GenerationRequest request) {
		var observation = stage(DRAFT, request, "").lowCardinalityKeyValue("channel", channel(request));
		return observation.observe(() -> generateObserved(request, observation));
	}

	private Draft generateObserved(GenerationRequest request, Observation observation) {
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
		observation.lowCardinalityKeyValue("variant", route.variant());
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

	/**
	 * A draft with what the guardrails checked and concluded (none for a failed draft), and the vector-search score
	 * of each passage its tier saw.
	 */
	private record Composed(Draft draft, @Nullable DraftCheck check, @Nullable Verdict verdict, int repairs,
			List<Double> retrievalScores) {
	}

	private Composed compose(GenerationRequest request, LeadContext fullLead, PromptFile prompt, String variant,
			@Nullable UUID shadowOf, double budgetLeft, long started) {
		var retrieved = observed(stage(RETRIEVAL, request, variant),
				() -> retrieval.retrieve(request.tenant(), prompt, fullLead, settings.passages()));
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
				var generation = stage(GENERATION, request, variant).lowCardinalityKeyValue("tier",
						String.valueOf(drafter.tier()))
					.lowCardinalityKeyValue("model", drafter.model());
				try {
					var composition = observed(generation, () -> {
						var answer = drafter.write(input);
						Citations.check(answer.draft(), kept);
						return answer;
					});
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
					attempts, lead.language(), List.of());
			return new Composed(new Draft(id, request.tenant(), request.leadExternalId(), request.angle().slug(),
					request.tone().slug(), channel(request), Draft.Status.FAILED, failure, "",
					new Draft.Content(List.of(), "", lead.score(), com.groundwork.drafting.EmailScore.NONE), provenance, shadowOf, request.actor(), now, null),
					null, null, 0, List.of());
		}

		// Guardrails, with a bounded repair loop: safe deterministic edits first, else a re-prompt of a model tier.
		var byLabel = PassageRetrieval.byLabel(kept);
		var facts = GuardrailInputs.facts(lead.minimized());
		var recipient = GuardrailInputs.recipient(fullLead.snapshot());
		var check = GuardrailInputs.check(request, id, written.draft(), byLabel, allPassages, facts, untrusted, recipient);
		var verdict = checked(check, request, variant, writer);
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
					var tier = writer;
					var again = observed(stage(GENERATION, request, variant)
						.lowCardinalityKeyValue("tier", String.valueOf(tier.tier()))
						.lowCardinalityKeyValue("model", tier.model()), () -> {
							var answer = tier.write(input.withGuidance(guidance));
							Citations.check(answer.draft(), kept);
							return answer;
						});
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
			verdict = checked(check, request, variant, writer);
		}

		long latency = (System.nanoTime() - started) / 1_000_000;
		var provenance = new Draft.Provenance(prompt.reference(), variant, written.model(), written.tier(), passages,
				lead.snapshot().reference(), retrieved.query(), written.promptTokens(), written.completionTokens(),
				written.cost(), latency, written.modelMillis(), written.cached(), written.repaired(), attempts,
				lead.language(), List.of());
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
				new Draft.Content(sentences, written.draft().callToAction(), lead.score(),
						scoring.score(request.tenant(), lead, provenance.language(), written.draft(),
								provenance.plan())), provenance, shadowOf,
				request.actor(), now, null);
		var scores = kept.stream()
			.map(grounding -> grounding.passage().vector().map(com.groundwork.search.Passage.Ranking::score))
			.flatMap(java.util.Optional::stream)
			.toList();
		return new Composed(draft, check, verdict, repairs, scores);
	}

	/** An observation of one stage of this request, tagged with its tenant, angle and prompt variant. */
	private Observation stage(String name, GenerationRequest request, String variant) {
		var observation = Observation.createNotStarted(name, observations)
			.lowCardinalityKeyValue("tenant", request.tenantSlug())
			.lowCardinalityKeyValue("angle", request.angle().slug());
		return variant.isEmpty() ? observation : observation.lowCardinalityKeyValue("variant", variant);
	}

	/** Runs the stage in its observation; a failure is recorded on it with its outcome code. */
	private static <T> T observed(Observation observation, Supplier<T> stage) {
		observation.start();
		try (var scope = observation.openScope()) {
			var result = stage.get();
			observation.lowCardinalityKeyValue("outcome", "ok");
			return result;
		}
		catch (DraftingFailedException failed) {
			observation.lowCardinalityKeyValue("outcome", failed.code());
			observation.error(failed);
			throw failed;
		}
		catch (RuntimeException failed) {
			observation.lowCardinalityKeyValue("outcome", "error");
			observation.error(failed);
			throw failed;
		}
		finally {
			observation.stop();
		}
	}

	private Verdict checked(DraftCheck check, GenerationRequest request, String variant, Drafter writer) {
		var observation = stage(GUARDRAIL, request, variant).lowCardinalityKeyValue("tier", String.valueOf(writer.tier()))
			.lowCardinalityKeyValue("model", writer.model());
		var verdict = observed(observation, () -> guardrails.check(check));
		observation.lowCardinalityKeyValue("verdict", verdict.name());
		return verdict;
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
			if (draft.status() == Draft.Status.GENERATED && draft.shadowOf() == null) {
				var p = draft.provenance();
				events.publishEvent(new DraftGenerated(draft.tenant(), draft.id(), draft.leadExternalId(), draft.angle(),
						p.prompt(), p.model(), p.tier(), p.featureSnapshot(), draft.createdAt(), p.variant(),
						draft.channel(), new DraftGenerated.Figures(p.promptTokens(), p.completionTokens(), p.cost(),
								p.latencyMillis(), p.modelMillis(), composed.retrievalScores(), confidence(draft),
								draft.content().score().valueIfScored())));
				if (composed.check() != null && composed.verdict() != null) {
					guardrails.record(composed.check(), composed.verdict(), composed.repairs());
				}
			}
			// last: a usage row stays locked until commit, so concurrent drafts of the tenant wait for it least
			budget.spend(draft.tenant(), draft.provenance().promptTokens() + draft.provenance().completionTokens(),
					draft.provenance().cost());
		});
	}

	/** The share of the body's sentences (the greeting left out) that cite a passage. */
	static double confidence(Draft draft) {
		var body = draft.content().sentences().stream().skip(1).toList();
		if (body.isEmpty()) {
			return 0;
		}
		return (double) body.stream().filter(sentence -> !sentence.citations().isEmpty()).count() / body.size();
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
