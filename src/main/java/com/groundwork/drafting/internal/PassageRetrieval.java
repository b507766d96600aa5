package com.groundwork.drafting.internal;

import com.groundwork.identity.TenantId;
import com.groundwork.search.Passage;
import com.groundwork.search.PassageSearch;
import com.groundwork.search.SearchFilters;
import com.groundwork.search.SearchQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Builds the search query of a draft from the prompt's retrieval template and the lead's features, and runs hybrid
 * search with the lead's filters: industry (or {@code all}), region (or {@code global}), language and the prompt's
 * document types first, then relaxed to the language alone, then to nothing, until enough passages are found.
 */
class PassageRetrieval {

	private final PassageSearch search;

	PassageRetrieval(PassageSearch search) {
		this.search = search;
	}

	/** The query that was run and the passages found, labelled {@code P1}… in rank order. */
	record Retrieved(String query, List<GroundingPassage> passages) {
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
		var strict = new SearchFilters(Set.copyOf(prompt.retrievalTypes()), Set.of(),
				industry.isBlank() ? Set.of() : Set.of(industry, "all"),
				region.isBlank() ? Set.of() : Set.of(region, "global"), languages);
		var relaxed = new SearchFilters(Set.of(), Set.of(), Set.of(), Set.of(), languages);

		var found = new LinkedHashMap<UUID, Passage>();
		for (var filters : List.of(strict, relaxed, SearchFilters.NONE)) {
			for (var passage : search.search(new SearchQuery(tenant, query, k, filters, false))) {
				if (found.size() < k) {
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

	static Map<String, GroundingPassage> byLabel(List<GroundingPassage> passages) {
		var byLabel = new LinkedHashMap<String, GroundingPassage>();
		passages.forEach(passage -> byLabel.put(passage.label(), passage));
		return byLabel;
	}
}
