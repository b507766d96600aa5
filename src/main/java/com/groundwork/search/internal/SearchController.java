package com.groundwork.search.internal;

import com.groundwork.identity.CurrentActor;
import com.groundwork.identity.Role;
import com.groundwork.search.PassageSearch;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import java.util.Locale;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Hybrid search over the caller's tenant. */
@Tag(name = "Search")
@RestController
class SearchController {

	private final PassageSearch search;

	private final SearchRequestParser parser;

	private final CurrentActor currentActor;

	private final SearchSettings settings;

	SearchController(PassageSearch search, SearchRequestParser parser, CurrentActor currentActor,
			SearchSettings settings) {
		this.search = search;
		this.parser = parser;
		this.currentActor = currentActor;
		this.settings = settings;
	}

	@Operation(summary = "Hybrid (BM25 + vector) search of the caller's knowledge",
			description = "Values of one filter are alternatives (repeat the parameter), different filters must all "
					+ "hold. An unknown parameter, an empty q, k outside 1..100, a query_language that is no ISO 639-1 "
					+ "code or a filter value no chunk carries is a 400 problem naming the parameter and the allowed "
					+ "values.",
			parameters = { @Parameter(in = ParameterIn.QUERY, name = "q", required = true, description = "text to search for"),
					@Parameter(in = ParameterIn.QUERY, name = "k", description = "passages to return, 1 to 100 (default 10)"),
					@Parameter(in = ParameterIn.QUERY, name = "query_language",
							description = "the language q is written in, ISO 639-1 (en, de): q is analyzed as that "
									+ "language's passages were; absent, q is analyzed in every language the search knows"),
					@Parameter(in = ParameterIn.QUERY, name = "type", description = "filter: document type, e.g. faq"),
					@Parameter(in = ParameterIn.QUERY, name = "product", description = "filter: product"),
					@Parameter(in = ParameterIn.QUERY, name = "industry", description = "filter: industry"),
					@Parameter(in = ParameterIn.QUERY, name = "region", description = "filter: region"),
					@Parameter(in = ParameterIn.QUERY, name = "language",
							description = "filter: the passages' language (see query_language for the query's)"),
					@Parameter(in = ParameterIn.QUERY, name = "visibility",
							description = "filter: visibility (public: may be quoted to prospects; internal)"),
					@Parameter(in = ParameterIn.QUERY, name = "explain",
							description = "true adds each search's rank and score (default false)") })
	@GetMapping("/api/search")
	@RolesAllowed({ Role.Names.REP, Role.Names.MARKETER, Role.Names.REVIEWER, Role.Names.ADMIN, Role.Names.AUDITOR })
	SearchResults search(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters) {
		var query = parser.parse(parameters, currentActor.tenant());
		return SearchResults.of(query, settings.fusion().name().toLowerCase(Locale.ROOT), search.search(query));
	}
}
