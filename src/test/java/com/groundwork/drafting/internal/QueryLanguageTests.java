package com.groundwork.drafting.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The language the planner's searches are analyzed in, from what a lead's record says it reads. */
class QueryLanguageTests {

	@Test
	void anIsoCodeOrARegionalTagIsTheLeadsLanguageAndAnythingElseIsUnknown() {
		assertThat(PassageRetrieval.queryLanguage("de")).isEqualTo("de");
		assertThat(PassageRetrieval.queryLanguage("de-at")).isEqualTo("de");
		assertThat(PassageRetrieval.queryLanguage("pt_br")).isEqualTo("pt");
		assertThat(PassageRetrieval.queryLanguage("")).isEmpty();
		assertThat(PassageRetrieval.queryLanguage("german")).isEmpty();
		assertThat(PassageRetrieval.queryLanguage("xx")).isEmpty();
	}
}
