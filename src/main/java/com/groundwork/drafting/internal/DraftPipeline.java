package com.groundwork.drafting.internal;

import com.groundwork.drafting.DraftGenerated;
import com.groundwork.drafting.EmailScore;
import com.groundwork.guardrail.Finding;
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
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.util.HtmlUtils;

/**
 * One draft, end to end: budget → feature snapshot (minimized) → prompt version → evidence plan (a hybrid search per
 * slot) → untrusted text screened for injection (flagged passages and lead fields left out) → tiers in order until one writes a draft whose
 * citations are all among the passages → guardrails with a bounded repair loop → stored with its provenance and
 * verdict, {@link DraftGenerated} and {@code DraftChecked} published in the same transaction. A shadow prompt version, when configured, runs afterwards
 * in the background and is stored beside the draft, never shown.
 * <p>
 * Each stage is a Micrometer observation (a timer, and a span when tracing is on): {@value DraftStages#DRAFT} around
 * it all, {@value DraftStages#RETRIEVAL} (the evidence plan), {@value DraftStages#GENERATION} per tier tried and
 * {@value DraftStages#GUARDRAIL} per check, tagged with bounded
 * values only (tenant slug, angle, variant, channel, tier, model, outcome), never a lead or draft id.
 */
class DraftPipeline {

	private static final Logger log = LoggerFactory.getLogger(DraftPipeline.class);

	/** The CRM notes: read for interests once screened, never quoted. */
	static final String NOTES = "crm.notes";

	private final LeadFeatures leadFeatures;
	private final LeadScores leadScores;
	private final VariantRouter router;
	private final EvidencePlanner planner;
	private final TierWriter writer;
	private final RepairLoop repairs;
	private final DraftBudget budget;
	private final DraftRepository drafts;
	private final ApplicationEventPublisher events;
	private final TransactionTemplate transactions;
	private final java.util.concurrent.ExecutorService shadows;
	private final Clock clock;
	private final Guardrails guardrails;
	private final DraftStages stages;
	private final Map<String, LanguageWords> languages;
	private final DraftScoring scoring;

	DraftPipeline(DraftPipelines parts, EvidencePlanner planner, TierRouting tiers, DraftCache cache, DraftBudget budget,
			DraftingSettings settings, ObservationRegistry observations) {
		this.stages = new DraftStages(observations);
		this.leadFeatures = parts.leadFeatures();
		this.leadScores = parts.leadScores();
		this.router = parts.router();
		this.planner = planner;
		this.writer = new TierWriter(tiers, cache, stages);
		this.repairs = new RepairLoop(parts.guardrails(), stages, settings.repairRounds());
		this.budget = budget;
		this.drafts = parts.drafts();
		this.events = parts.events();
		this.transactions = parts.transactions();
		this.shadows = parts.shadows();
		this.clock = parts.clock();
		this.guardrails = parts.guardrails();
		this.languages = parts.languages().words();
		this.scoring = parts.scoring();
	}

	/**
	 * @throws com.groundwork.lead.LeadNotFoundException when the tenant has no such lead
	 * @throws BudgetExceededException when the tenant's daily budget is used up
	 */
	Draft generate(GenerationRequest request) {
		var observation = stages.stage(DraftStages.DRAFT, request, "").lowCardinalityKeyValue("channel", channel(request));
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
		var language = fullLead.language();
		var untrusted = GuardrailInputs.untrusted(fullLead.snapshot());
		var interests = Interests.of(untrusted.getOrDefault(NOTES, ""), fullLead.feature("crm.intent-signals"), languages);
		var plan = plan(request, prompt, variant, fullLead, interests, language);
		// Untrusted text is screened before any tier sees it: flagged passages and lead fields are left out.
		var allPassages = GuardrailInputs.passages(plan.labelled().passages());
		var screened = guardrails.screen(request.tenant(), allPassages, untrusted);
		var flaggedInputs = GuardrailInputs.flagged(screened, "input:");
		if (flaggedInputs.contains(NOTES) && !interests.isEmpty()) {
			// notes that hold instructions choose nothing: plan again on the intent signals alone
			interests = Interests.of("", fullLead.feature("crm.intent-signals"), languages);
			plan = plan(request, prompt, variant, fullLead, interests, language);
			allPassages = GuardrailInputs.passages(plan.labelled().passages());
			screened = guardrails.screen(request.tenant(), allPassages, untrusted);
		}
		var flaggedPassages = GuardrailInputs.flagged(screened, "passage:");
		var lead = withheld(fullLead, flaggedInputs);
		var kept = relabel(plan.labelled().passages(), flaggedPassages);
		if (!flaggedPassages.isEmpty() || !flaggedInputs.isEmpty()) {
			log.info("Draft for lead {}: instruction-like text in {} passage(s) and in the lead's fields {}; none of it reaches a prompt",
					request.leadExternalId(), flaggedPassages.size(), flaggedInputs);
		}
		var input = new DraftInput(prompt, request.angle(), request.tone(), lead, kept, List.of(), request.guidance(),
				plan, language);
		var attempts = new ArrayList<Draft.Attempt>();
		TierWriter.Written written;
		if (kept.isEmpty()) {
			var failure = plan.labelled().passages().isEmpty() ? nothingFound(plan)
					: "Every passage found holds instruction-like text and was left out; review the knowledge documents";
			attempts.add(new Draft.Attempt(0, OfflineDrafter.MODEL, "no-grounding", failure));
			written = new TierWriter.Written(null, null, failure);
		}
		else {
			written = writer.write(request, variant, input, budgetLeft, attempts);
		}
		var passages = kept.stream().map(GroundingPassage::reference).toList();
		var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		var id = idOf(request, shadowOf);
		if (written.composition() == null || written.writer() == null) {
			long latency = (System.nanoTime() - started) / 1_000_000;
			var provenance = new Draft.Provenance(prompt.reference(), variant, "none", -1, passages,
					lead.snapshot().reference(), plan.query(), 0, 0, BigDecimal.ZERO, latency, 0, false, false,
					attempts, language, plan.view());
			return new Composed(new Draft(id, request.tenant(), request.leadExternalId(), request.angle().slug(),
					request.tone().slug(), channel(request), Draft.Status.FAILED, written.failure(), "",
					new Draft.Content(List.of(), "", lead.score(), EmailScore.NONE), provenance, shadowOf,
					request.actor(), now, null), null, null, 0, List.of());
		}

		var byLabel = PassageRetrieval.byLabel(kept);
		var facts = GuardrailInputs.facts(lead.minimized());
		var recipient = GuardrailInputs.recipient(fullLead.snapshot());
		var checkedAllPassages = allPassages;
		var checked = repairs.check(request, variant, input, written.composition(), written.writer(),
				current -> GuardrailInputs.check(request, id, current.draft(), byLabel, checkedAllPassages, facts, untrusted,
						recipient, writtenIn(current, input)),
				attempts);
		var composition = checked.composition();
		var writtenIn = writtenIn(composition, input);
		var verdict = withLanguageFallback(checked.verdict(), language, writtenIn, prompt);

		long latency = (System.nanoTime() - started) / 1_000_000;
		var provenance = new Draft.Provenance(prompt.reference(), variant, composition.model(), composition.tier(),
				passages, lead.snapshot().reference(), plan.query(), composition.promptTokens(),
				composition.completionTokens(), composition.cost(), latency, composition.modelMillis(),
				composition.cached(), composition.repaired(), attempts, writtenIn, plan.view());
		var sentences = composition.draft()
			.sentences()
			.stream()
			.map(sentence -> new Draft.CitedSentence(sentence.text(), sentence.passages()
				.stream()
				.distinct()
				.map(label -> citation(byLabel.get(label), sentence.text()))
				.toList()))
			.toList();
		var draft = new Draft(id, request.tenant(), request.leadExternalId(), request.angle().slug(),
				request.tone().slug(), channel(request), Draft.Status.GENERATED, null, composition.draft().subject(),
				new Draft.Content(sentences, composition.draft().callToAction(), lead.score(),
						scoring.score(request.tenant(), lead, provenance.language(), composition.draft(), provenance.plan())),
				provenance, shadowOf, request.actor(), now, null);
		var scores = kept.stream()
			.map(grounding -> grounding.passage().vector().map(com.groundwork.search.Passage.Ranking::score))
			.flatMap(java.util.Optional::stream)
			.toList();
		return new Composed(draft, checked.check(), verdict, checked.repairs(), scores);
	}

	private EvidencePlan plan(GenerationRequest request, PromptFile prompt, String variant, LeadContext lead,
			Interests interests, String language) {
		return DraftStages.observed(stages.stage(DraftStages.RETRIEVAL, request, variant),
				() -> planner.plan(request.tenant(), prompt, lead, interests, language));
	}

	/** The language a composition is written in: what tier 0 says, else what a model tier was asked for. */
	private static String writtenIn(Composition composition, DraftInput input) {
		return composition.language().isEmpty() ? ModelDrafter.language(input) : composition.language();
	}

	/** Why nothing could be written, naming what the knowledge lacks. */
	private static String nothingFound(EvidencePlan plan) {
		var empty = plan.slots().stream().map(slot -> slot.spec().name() + ": " + slot.reason()).toList();
		return "No knowledge passage matched this lead and angle (" + String.join("; ", empty)
				+ "); add public case studies (type: case-study) for the lead's industry and product documents"
				+ " (type: product-doc) to the tenant's knowledge";
	}

	/**
	 * A draft not in the lead's language gets a finding the reviewer sees ({@code language.fallback}); it never
	 * blocks: the reviewer may translate it or send it as it is.
	 */
	private static Verdict withLanguageFallback(Verdict verdict, String wanted, String written, PromptFile prompt) {
		if (wanted.isEmpty() || written.isEmpty() || wanted.equals(written)) {
			return verdict;
		}
		var why = prompt.speaks(wanted) ? "the knowledge has no " + wanted + " evidence for this angle"
				: "there are no " + wanted + " prompts for this angle";
		var finding = new Finding("language.fallback", Severity.WARNING, null, "The lead reads '" + wanted
				+ "', but " + why + ", so the draft is in '" + written + "': translate it before approving, or add "
				+ wanted + " documents to the knowledge", wanted + "→" + written);
		var findings = new ArrayList<>(verdict.findings());
		findings.add(finding);
		return Verdict.of(findings);
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
		var quoted = quotedPart(sentence, text);
		var at = text.indexOf(quoted.length() > 30 ? quoted.substring(0, 30) : quoted);
		String snippet;
		if (at >= 0) {
			// from before the quote to past its end, and back to where the passage names the customer a frame adds
			int from = Math.max(0, at - 60);
			int to = Math.min(text.length(), at + Math.max(quoted.length(), 200) + 40);
			var frame = sentence.length() > quoted.length() && sentence.endsWith(quoted.substring(1))
					? sentence.substring(0, sentence.length() - quoted.length()) : "";
			for (var word : frame.split("[\\s,:]+")) {
				if (word.length() <= 2 || !Character.isUpperCase(word.codePointAt(0)) || text.indexOf(word) < 0) {
					continue;
				}
				int before = text.lastIndexOf(word, at);
				int after = text.indexOf(word, at + quoted.length());
				if (before >= 0 && at - before < 600) {
					from = Math.min(from, Math.max(0, before - 20));
				}
				else if (after >= 0 && after - at < 800) {
					to = Math.max(to, Math.min(text.length(), after + word.length() + 20));
				}
			}
			snippet = (from > 0 ? "…" : "") + text.substring(from, to) + (to < text.length() ? "…" : "");
		}
		else if (named(sentence, text) >= 0) {
			// a passage cited for the customer the sentence names (tier 0's frame): the excerpt shows that name
			int named = named(sentence, text);
			int from = Math.max(0, named - 60);
			int to = Math.min(text.length(), named + 200);
			snippet = (from > 0 ? "…" : "") + text.substring(from, to) + (to < text.length() ? "…" : "");
		}
		else {
			var plain = HtmlUtils.htmlUnescape(passage.snippet().replaceAll("</?mark>", ""));
			snippet = plain.isBlank() ? text.substring(0, Math.min(text.length(), 240)) : plain;
		}
		return new Draft.Citation(passage.chunkId(), passage.documentId(), passage.documentTitle(),
				passage.headingPath(), snippet, passage.contentHash());
	}

	/**
	 * Where the passage names the longest name of the sentence (a run of capitalized words after its first word, "At"
	 * or "Ein Beispiel ist" of a frame), or -1.
	 */
	private static int named(String sentence, String text) {
		var words = sentence.split("[\\s,:;.]+");
		var runs = new ArrayList<String>();
		for (int from = 1; from < words.length; from++) {
			for (int to = from + 1; to <= words.length; to++) {
				var last = words[to - 1].replaceAll("('s|’s)$", "");
				if (last.length() < 2 || !Character.isUpperCase(last.codePointAt(0))) {
					break;
				}
				runs.add(String.join(" ", java.util.Arrays.copyOfRange(words, from, to)).replaceAll("('s|’s)$", ""));
			}
		}
		runs.sort(java.util.Comparator.comparingInt(String::length).reversed());
		return runs.stream().filter(run -> run.length() > 2).mapToInt(text::indexOf).filter(at -> at >= 0).findFirst()
			.orElse(-1);
	}

	/**
	 * The part of a sentence quoted from the passage: the sentence itself, or what follows a frame tier 0 put around
	 * it ("At Brightwater Freight, median …" quotes "Median …").
	 */
	static String quotedPart(String sentence, String text) {
		var lower = text.toLowerCase(java.util.Locale.ROOT);
		var candidate = sentence;
		for (int i = 0; i < 3; i++) {
			var probe = candidate.length() > 30 ? candidate.substring(0, 30) : candidate;
			if (lower.contains(probe.toLowerCase(java.util.Locale.ROOT))) {
				int at = lower.indexOf(probe.toLowerCase(java.util.Locale.ROOT));
				return text.substring(at, Math.min(text.length(), at + candidate.length()));
			}
			int cut = Math.max(candidate.indexOf(", "), candidate.indexOf(": "));
			if (cut < 0) {
				break;
			}
			candidate = candidate.substring(cut + 2);
		}
		return sentence;
	}

	/** Stops taking shadow drafts; those running finish. */
	void close() {
		shadows.shutdown();
	}
}
