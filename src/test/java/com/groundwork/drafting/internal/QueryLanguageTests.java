package com.groundwork.drafting.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The language the planner's searches are analyzed in, from what a lead's record says it reads. */
class QueryLanguageTests {

	@Test
	void anEnglishReadersQueriesAreEnglishAndEveryoneElsesAreSearchedInEveryAnalysis() {
		assertThat(PassageRetrieval.queryLanguage("en")).isEqualTo("en");
		assertThat(PassageRetrieval.queryLanguage("en-GB")).isEqualTo("en");
		// English templates filled with a German reader's words: mixed, so both analyses
		assertThat(PassageRetrieval.queryLanguage("de")).isEmpty();
		assertThat(PassageRetrieval.queryLanguage("de-at")).isEmpty();
		assertThat(PassageRetrieval.queryLanguage("pt_br")).isEmpty();
		assertThat(PassageRetrieval.queryLanguage("")).isEmpty();
		assertThat(PassageRetrieval.queryLanguage("german")).isEmpty();
		assertThat(PassageRetrieval.queryLanguage("xx")).isEmpty();
	}
}
