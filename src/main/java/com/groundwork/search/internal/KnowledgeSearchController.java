package com.groundwork.search.internal;

import com.groundwork.identity.CurrentActor;
import com.groundwork.identity.Role;
import com.groundwork.search.PassageSearch;
import com.groundwork.search.SearchQuery;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The search results fragment of the Knowledge page ({@code hx-get="/knowledge/search"} into
 * {@code #search-results}): the explained table, an empty state, or the problem inline (htmx does not swap error
 * responses, so a bad request still answers 200 with the message).
 */
@Controller
class KnowledgeSearchController {

	private final PassageSearch search;

	private final SearchRequestParser parser;

	private final CurrentActor currentActor;

	KnowledgeSearchController(PassageSearch search, SearchRequestParser parser, CurrentActor currentActor) {
		this.search = search;
		this.parser = parser;
		this.currentActor = currentActor;
	}

	@GetMapping("/knowledge/search")
	@RolesAllowed({ Role.Names.REP, Role.Names.MARKETER, Role.Names.REVIEWER, Role.Names.ADMIN, Role.Names.AUDITOR })
	String results(@RequestParam MultiValueMap<String, String> parameters, Model model) {
		// The table always shows both searches' columns.
		var explained = new LinkedMultiValueMap<>(parameters);
		explained.remove("explain");
		explained.add("explain", "true");
		model.addAttribute("q", parameters.getFirst("q") == null ? "" : parameters.getFirst("q"));
		try {
			SearchQuery query = parser.parse(explained, currentActor.tenant());
			model.addAttribute("passages", search.search(query));
		}
		catch (InvalidSearchParameterException ex) {
			model.addAttribute("passages", List.of());
			model.addAttribute("error", ex.detail());
		}
		return "search/results :: results";
	}
}
