package com.groundwork.drafting.internal;

import com.groundwork.identity.TenantId;
import com.groundwork.knowledge.PassageMetadata;
import com.groundwork.search.Passage;
import com.groundwork.search.PassageSearch;
import com.groundwork.search.SearchFilters;
import com.groundwork.search.SearchQuery;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Fills a prompt's slots one by one, one document per slot and no document twice. Industry, product, language and
 * region come from the tenant's own metadata; nothing here knows a title, a file or an industry list.
 * <ul>
 * <li>{@code industry: lead}: a document of the lead's industry, else of the nearest industry (the best-ranked
 * document of another industry), else a cross-industry one (no industry, {@code all} or {@code general}).</li>
 * <li>{@code product-of}: a document of the same product as the named slot's document.</li>
 * <li>{@code interests}: only a passage that names a term from the CRM notes or intent signals.</li>
 * </ul>
 * Language and region break ties between fitting documents; company history is taken only when nothing else fits;
 * pricing only when the lead asked about prices; internal documents never.
 */
class SlotPlanner implements EvidencePlanner {

	static final Set<String> CROSS_INDUSTRY = Set.of("", "all", "general", "any", "cross-industry");

	private static final Set<String> PUBLIC = Set.of(PassageMetadata.PUBLIC);

	private static final int CANDIDATES = 30;

	private final PassageSearch search;

	private final PassageRetrieval legacy;

	private final Map<String, LanguageWords> languages;

	private final DocumentPassages documents;

	/** What the planner reads of a passage, by its content hash: computed once, a passage's text never changes. */
	private final Map<String, Traits> traits = new java.util.concurrent.ConcurrentHashMap<>();

	private record Traits(boolean boilerplate, int outcome, String language) {
	}

	/**
	 * @param legacy the one-query retrieval of prompts without a plan; it also knows the titles never cited
	 */
	SlotPlanner(PassageSearch search, PassageRetrieval legacy, Map<String, LanguageWords> languages,
			DocumentPassages documents) {
		this.documents = documents;
		this.search = search;
		this.legacy = legacy;
		this.languages = languages;
	}

	@Override
	public EvidencePlan plan(TenantId tenant, PromptFile prompt, LeadContext lead, Interests interests, String language) {
		if (prompt.plan().isEmpty()) {
			// a prompt version from before plans: its one retrieval query, as it always ran
			var retrieved = legacy.retrieve(tenant, prompt, lead, 6);
			var spec = new SlotSpec("passages", "Passages for the prompt's retrieval query", List.of(),
					SlotSpec.Industry.ANY, "", prompt.retrievalQuery(), false, false, 3);
			return new EvidencePlan(List.of(new EvidencePlan.Slot(spec, "the prompt's retrieval query (no plan)",
					retrieved.passages().stream().map(GroundingPassage::passage).toList(), null)), retrieved.query());
		}
		var context = new Context(tenant, lead, interests, language);
		var slots = new ArrayList<EvidencePlan.Slot>();
		var queries = new ArrayList<String>();
		for (var spec : prompt.plan()) {
			var slot = fill(spec, context, slots, queries);
			slots.add(slot);
			slot.passages().stream().findFirst().ifPresent(passage -> context.used.add(passage.documentId()));
		}
		return new EvidencePlan(slots, String.join("\n", queries));
	}

	/** What every slot of one plan shares: the lead, and the documents already chosen. */
	private final class Context {

		final TenantId tenant;
		final LeadContext lead;
		final Interests interests;
		final String language;
		final String industry;
		final String region;
		final Set<UUID> used = new HashSet<>();

		Context(TenantId tenant, LeadContext lead, Interests interests, String language) {
			this.tenant = tenant;
			this.lead = lead;
			this.interests = interests;
			this.language = language;
			this.industry = slug(lead.feature("company.industry"));
			this.region = slug(lead.feature("company.sales-region"));
		}
	}

	private EvidencePlan.Slot fill(SlotSpec spec, Context context, List<EvidencePlan.Slot> earlier, List<String> queries) {
		if (spec.interests() && context.interests.isEmpty()) {
			return empty(spec, "no interest named in the CRM notes or intent signals");
		}
		var variables = new LinkedHashMap<>(context.lead.variables());
		variables.put("interests", context.interests.query());
		var query = PromptRegistry.fill(spec.query(), variables);
		if (query.isBlank()) {
			query = String.join(" ", variables.get("industry"), variables.get("company")).strip();
		}
		if (query.length() > SearchQuery.MAX_TEXT_LENGTH) {
			query = query.substring(0, SearchQuery.MAX_TEXT_LENGTH);
		}
		queries.add(spec.name() + ": " + query);
		var types = new java.util.LinkedHashSet<>(spec.types());
		if (!context.interests.pricingAsked()) {
			types.remove("pricing");
		}
		String typeLabel = spec.types().isEmpty() ? "document" : spec.types().getFirst();

		// product-of: the named slot's product first
		if (!spec.productOf().isEmpty()) {
			var product = earlier.stream()
				.filter(slot -> slot.spec().name().equals(spec.productOf()))
				.flatMap(slot -> slot.lead().stream())
				.map(passage -> passage.metadata().product())
				.filter(value -> !value.isBlank())
				.findFirst();
			if (product.isPresent()) {
				var ofProduct = candidates(context, query, types, Set.of(product.get()), Set.of());
				var chosen = best(ofProduct, context, spec, doc -> true);
				if (chosen != null) {
					return slot(spec, chosen, "product of that " + earlierType(earlier, spec.productOf()) + " ("
							+ product.get() + ")", context);
				}
				var any = best(candidates(context, query, types, Set.of(), Set.of()), context, spec, doc -> true);
				return any == null ? empty(spec, "no " + typeLabel + " in the knowledge")
						: slot(spec, any, "fallback: no " + typeLabel + " for product " + product.get(), context);
			}
		}

		var found = candidates(context, query, types, Set.of(), Set.of());
		if (spec.interests()) {
			// a document about the interests (named in its title or headings, more of them) before one that mentions
			// one in passing; the search's rank breaks ties
			var matching = found.stream()
				.filter(passage -> context.interests.hits(passage.text()) > 0)
				.sorted(Comparator.comparingInt((Passage passage) -> -(context.interests.hits(passage.text())
						+ 2 * context.interests.hits(passage.documentTitle() + " " + passage.headingPath()))))
				.toList();
			var chosen = best(matching, context, spec, doc -> true);
			if (chosen == null) {
				return empty(spec, "nothing in the knowledge matches " + quoted(context.interests.list()));
			}
			var lead = chosen.getFirst();
			var term = context.interests.matchIn(lead.documentTitle() + " " + lead.headingPath());
			if (term == null || context.interests.matchIn(lead.text()) == null) {
				term = context.interests.matchIn(lead.text());
			}
			return slot(spec, chosen, "matches '" + term + "' in the " + context.interests.terms().get(term), context,
					term);
		}
		if (spec.industry() == SlotSpec.Industry.ANY) {
			// any industry, but the lead's own or cross-industry documents before another industry's
			var fitting = best(found, context, spec, passage -> fits(passage, context.industry));
			if (fitting != null) {
				return slot(spec, fitting, fitReason(fitting.getFirst(), typeLabel), context);
			}
			var any = best(found, context, spec, passage -> true);
			return any == null ? empty(spec, "no " + typeLabel + " in the knowledge")
					: slot(spec, any, "fallback: only another industry's " + typeLabel, context);
		}
		if (context.industry.isEmpty()) {
			var cross = best(found, context, spec, passage -> crossIndustry(passage));
			if (cross != null) {
				return slot(spec, cross, "cross-industry " + typeLabel + ": the lead names no industry", context);
			}
			var any = best(found, context, spec, passage -> true);
			return any == null ? empty(spec, "no " + typeLabel + " in the knowledge")
					: slot(spec, any, "the lead names no industry; best-matching " + typeLabel, context);
		}
		var own = best(found, context, spec, passage -> sameIndustry(passage, context.industry));
		if (own == null) {
			// the top candidates may all be other industries': ask for the lead's own
			own = best(candidates(context, query, types, Set.of(), Set.of(context.industry)), context, spec,
					passage -> sameIndustry(passage, context.industry));
		}
		if (own != null) {
			return slot(spec, own, "own-industry " + typeLabel, context);
		}
		var nearest = best(found, context, spec, passage -> !crossIndustry(passage));
		if (nearest != null) {
			return slot(spec, nearest, "fallback: no " + typeLabel + " for " + context.industry + "; nearest industry: "
					+ nearest.getFirst().metadata().industry(), context);
		}
		var cross = best(found, context, spec, SlotPlanner::crossIndustry);
		if (cross != null) {
			return slot(spec, cross, "fallback: no " + typeLabel + " for " + context.industry + "; cross-industry", context);
		}
		return empty(spec, "fallback: the knowledge has no public " + typeLabel + (types.isEmpty() ? "" : " (type " + types + ")"));
	}

	private List<Passage> candidates(Context context, String query, Set<String> types, Set<String> products,
			Set<String> industries) {
		var filters = new SearchFilters(types, products, industries, Set.of(), Set.of()).withVisibilities(PUBLIC);
		// explained: each passage carries its vector score, which the draft's metrics record (no extra search work)
		// analyzed as the query is written: English for English readers, every analysis for the mixed rest
		return search.search(new SearchQuery(context.tenant, query, CANDIDATES, filters, true)
			.withLanguage(PassageRetrieval.queryLanguage(context.language)))
			.stream()
			.filter(passage -> !context.used.contains(passage.documentId()))
			.filter(passage -> PassageMetadata.PUBLIC.equals(passage.metadata().visibility()))
			.filter(passage -> !legacy.excluded(passage))
			.toList();
	}

	/**
	 * The best fitting document's passages (best first, at most what the slot quotes from plus one), or null. A
	 * document's worth is its best passage's rank, raised by the lead's language and region, lowered by company history.
	 */
	private @Nullable List<Passage> best(List<Passage> found, Context context, SlotSpec spec, Predicate<Passage> fits) {
		var byDocument = new LinkedHashMap<UUID, List<Passage>>();
		var worth = new LinkedHashMap<UUID, Double>();
		for (int rank = 0; rank < found.size(); rank++) {
			var passage = found.get(rank);
			if (!fits.test(passage)) {
				continue;
			}
			byDocument.computeIfAbsent(passage.documentId(), id -> new ArrayList<>()).add(passage);
			double value = 1.0 / (rank + 2) - (boilerplate(passage) ? 0.6 : 0);
			worth.merge(passage.documentId(), value, Math::max);
		}
		if (byDocument.isEmpty()) {
			return null;
		}
		UUID chosen = byDocument.keySet().stream().max(Comparator.comparingDouble(id -> {
			var first = byDocument.get(id).getFirst();
			return worth.get(id) + (sameLanguage(languageOf(first), context.language) ? 1.0 : 0)
					+ (sameRegion(first.metadata().region(), context.region) ? 0.3 : 0);
		})).orElseThrow();
		var passages = new ArrayList<>(byDocument.get(chosen));
		// the rest of the document too: its results section may not have matched the query's words
		var seen = passages.stream().map(Passage::chunkId).collect(java.util.stream.Collectors.toSet());
		documents.of(context.tenant, chosen, byDocument.get(chosen))
			.stream()
			.filter(passage -> !seen.contains(passage.chunkId()))
			.sorted(Comparator.comparingInt((Passage passage) -> -traits(passage).outcome()))
			.forEach(passages::add);
		if (spec.industry() == SlotSpec.Industry.LEAD) {
			// a customer result: the passages with measured outcomes first, whatever the query's words matched
			passages.sort(Comparator.comparingInt((Passage passage) -> -traits(passage).outcome()));
		}
		// history passages only when the document has nothing else
		var substantive = passages.stream().filter(passage -> !boilerplate(passage)).toList();
		var kept = substantive.isEmpty() ? passages : substantive;
		return kept.subList(0, Math.min(kept.size(), Math.max(3, spec.sentences() + 1)));
	}

	/** How much a text reads like a measured outcome: result words next to numbers. */
	private int outcomeWords(String text) {
		if (text.chars().noneMatch(Character::isDigit)) {
			return 0;
		}
		var words = LanguageWords.words(text);
		return (int) languages.values().stream()
			.mapToLong(list -> words.stream().filter(list.results()::contains).count())
			.max()
			.orElse(0);
	}

	/** The document's language as its metadata says, else as its words tell (empty when neither does). */
	private String languageOf(Passage passage) {
		var tagged = passage.metadata().language();
		return tagged.isEmpty() ? traits(passage).language() : tagged;
	}

	private boolean boilerplate(Passage passage) {
		return traits(passage).boilerplate();
	}

	private Traits traits(Passage passage) {
		if (traits.size() > 100_000) {
			traits.clear();
		}
		return traits.computeIfAbsent(passage.contentHash(), hash -> {
			var text = passage.text();
			boolean history = languages.values().stream().anyMatch(words -> words.isBoilerplate(text))
					&& languages.values().stream().noneMatch(words -> hasResult(text, words));
			return new Traits(history, outcomeWords(text), LanguageWords.detect(text, languages).orElse(""));
		});
	}

	private static boolean hasResult(String text, LanguageWords words) {
		return text.chars().anyMatch(Character::isDigit)
				&& LanguageWords.words(text).stream().anyMatch(words.results()::contains);
	}

	private EvidencePlan.Slot slot(SlotSpec spec, List<Passage> passages, String reason, Context context) {
		return slot(spec, passages, reason, context, null);
	}

	private EvidencePlan.Slot slot(SlotSpec spec, List<Passage> passages, String reason, Context context,
			@Nullable String matched) {
		var metadata = passages.getFirst().metadata();
		var language = languageOf(passages.getFirst());
		var extras = new ArrayList<String>();
		if (!context.language.isEmpty() && !language.isEmpty() && language.equals(context.language)
				&& !context.language.equals("en")) {
			extras.add("in the lead's language");
		}
		else if (!context.language.isEmpty() && !sameLanguage(language, context.language)) {
			extras.add("no fitting one in " + context.language);
		}
		if (!context.region.isEmpty() && metadata.region().equals(context.region)) {
			extras.add("lead's region");
		}
		return new EvidencePlan.Slot(spec, extras.isEmpty() ? reason : reason + " (" + String.join(", ", extras) + ")",
				passages, matched);
	}

	private static EvidencePlan.Slot empty(SlotSpec spec, String reason) {
		return new EvidencePlan.Slot(spec, reason, List.of(), null);
	}

	private static String fitReason(Passage passage, String type) {
		return crossIndustry(passage) ? "cross-industry " + type : "own-industry " + type;
	}

	private static String earlierType(List<EvidencePlan.Slot> earlier, String name) {
		return earlier.stream()
			.filter(slot -> slot.spec().name().equals(name))
			.flatMap(slot -> slot.lead().stream())
			.map(passage -> passage.metadata().type().isBlank() ? "document" : passage.metadata().type())
			.findFirst()
			.orElse("document");
	}

	private static String quoted(List<String> terms) {
		return String.join(", ", terms.stream().map(term -> "'" + term + "'").toList());
	}

	static boolean crossIndustry(Passage passage) {
		return CROSS_INDUSTRY.contains(passage.metadata().industry());
	}

	private static boolean fits(Passage passage, String industry) {
		return crossIndustry(passage) || (!industry.isEmpty() && sameIndustry(passage, industry));
	}

	/** The same industry slug, or one naming the other among its parts ({@code logistics} in {@code 3pl-logistics}). */
	static boolean sameIndustry(Passage passage, String industry) {
		var documentIndustry = passage.metadata().industry();
		if (documentIndustry.isEmpty() || industry.isEmpty()) {
			return false;
		}
		if (documentIndustry.equals(industry)) {
			return true;
		}
		var parts = Set.of(documentIndustry.split("[-_,;/ ]+"));
		return Set.of(documentIndustry.split("[,;/]+\\s*")).contains(industry) || parts.contains(industry)
				|| Set.of(industry.split("[-_ ]+")).containsAll(parts);
	}

	private static boolean sameLanguage(String document, String lead) {
		return !lead.isEmpty() && (document.isEmpty() || document.equals(lead));
	}

	private static boolean sameRegion(String document, String lead) {
		return !lead.isEmpty() && (document.equals(lead) || document.equals("global"));
	}

	static String slug(String value) {
		return value.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s&]+", "-");
	}
}
