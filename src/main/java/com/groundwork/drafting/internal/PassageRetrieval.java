package com.groundwork.drafting.internal;

import com.groundwork.identity.TenantId;
import com.groundwork.search.Passage;
import com.groundwork.search.PassageSearch;
import com.groundwork.search.SearchFilters;
import com.groundwork.search.SearchQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Builds the search query of a draft from the prompt's retrieval template and the lead's features, and runs hybrid
 * search with the lead's filters: industry (or {@code all}), region (or {@code global}), language and the prompt's
 * document types first, then relaxed to the language alone, then to nothing, until enough passages are found.
 */
class PassageRetrieval {

	private static final Set<String> PUBLIC = Set.of(com.groundwork.knowledge.PassageMetadata.PUBLIC);

	private final PassageSearch search;

	private final List<String> excludedTitles;

	/**
	 * @param excludedTitles passages of documents whose title contains one of these (any case) are never used, e.g.
	 * {@code (internal)}: a stopgap until knowledge metadata carries the document's visibility
	 */
	PassageRetrieval(PassageSearch search, List<String> excludedTitles) {
		this.search = search;
		this.excludedTitles = excludedTitles.stream().map(title -> title.toLowerCase(Locale.ROOT)).toList();
	}

	/** The query that was run and the passages found, labelled {@code P1}… in rank order. */
	record Retrieved(String query, List<GroundingPassage> passages) {
	}

	/** The language the prompts' retrieval and plan query templates are written in. */
	static final String TEMPLATE_LANGUAGE = "en";

	/**
	 * The language a search analyzes a lead's queries in. The query templates are English filled with the lead's own
	 * words (industry, title, interests from CRM notes, which may be German): for an English-reading lead the whole
	 * query is English and is analyzed as such; for anyone else it is mixed, so it is searched in every analysis (each
	 * passage scores by its better one), which matches German documents by the lead's German words and English ones by
	 * the template's. Unknown or free-text languages are searched in every analysis too.
	 */
	static String queryLanguage(String leadLanguage) {
		var code = leadLanguage.length() > 2 ? leadLanguage.substring(0, 2) : leadLanguage;
		boolean regional = leadLanguage.length() == 2
				|| leadLanguage.length() > 2 && (leadLanguage.charAt(2) == '-' || leadLanguage.charAt(2) == '_');
		return regional && code.equals(TEMPLATE_LANGUAGE) ? code : "";
	}

	Retrieved retrieve(TenantId tenant, PromptFile prompt, LeadContext lead, int k) {
		var variables = lead.variables();
		var query = PromptRegistry.fill(prompt.retrievalQuery(), variables);
		if (query.isBlank()) {
			query = variables.get("company");
		}
		if (query.length() > SearchQuery.MAX_TEXT_LENGTH) {
			query = query.substring(0, SearchQuery.MAX_TEXT_LENGTH);
		}
		var language = lead.language();
		var industry = lead.feature("company.industry").toLowerCase(Locale.ROOT);
		var region = lead.feature("company.sales-region").toLowerCase(Locale.ROOT);
		var languages = language.isBlank() ? Set.<String>of() : Set.of(language);
		var types = Set.copyOf(prompt.retrievalTypes());
		var industries = industry.isBlank() ? Set.<String>of() : Set.of(industry, "all");
		var regions = region.isBlank() ? Set.<String>of() : Set.of(region, "global");
		// From the lead's own segment to anything: region goes first, then language (a lead in a language the
		// knowledge lacks still gets its industry's documents), then industry, then the prompt's document types.
		// Only public content may be quoted to a prospect; internal documents stay out of every rung.
		var ladder = new LinkedHashSet<SearchFilters>(Stream.of(
				new SearchFilters(types, Set.of(), industries, regions, languages),
				new SearchFilters(types, Set.of(), industries, Set.of(), languages),
				new SearchFilters(types, Set.of(), industries, Set.of(), Set.of()),
				new SearchFilters(types, Set.of(), Set.of(), Set.of(), Set.of()),
				new SearchFilters(Set.of(), Set.of(), Set.of(), Set.of(), languages), SearchFilters.NONE)
			.map(filters -> filters.withVisibilities(PUBLIC))
			.toList());

		// explained: each passage carries its vector score, which the draft's metrics record (no extra search work)
		var found = new LinkedHashMap<UUID, Passage>();
		for (var filters : ladder) {
			for (var passage : search.search(new SearchQuery(tenant, query, k, filters, true).withLanguage(queryLanguage(language)))) {
				if (found.size() < k && !excluded(passage)) {
					found.putIfAbsent(passage.chunkId(), passage);
				}
			}
			if (found.size() >= Math.min(3, k)) {
				break;
			}
		}
		var labelled = new ArrayList<GroundingPassage>();
		for (var passage : found.values()) {
			labelled.add(new GroundingPassage("P" + (labelled.size() + 1), passage));
		}
		return new Retrieved(query, labelled);
	}

	/** Whether the passage's document is one of those never cited ({@code groundwork.drafting.excluded-titles}). */
	boolean excluded(Passage passage) {
		var title = passage.documentTitle().toLowerCase(Locale.ROOT);
		return excludedTitles.stream().anyMatch(title::contains);
	}

	static Map<String, GroundingPassage> byLabel(List<GroundingPassage> passages) {
		var byLabel = new LinkedHashMap<String, GroundingPassage>();
		passages.forEach(passage -> byLabel.put(passage.label(), passage));
		return byLabel;
	}
}
