package com.groundwork.drafting;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.groundwork.identity.Tenants;
import com.groundwork.knowledge.KnowledgeIngestion;
import com.groundwork.search.PassageSearch;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** The sidebar page: embeddable only where configured, and drafts rendered with their citations. */
@SpringBootTest(properties = "groundwork.drafting.budgets.globex.tokens-per-day=0")
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DraftSidebarTests {

	@Autowired
	MockMvc mvc;

	@BeforeAll
	void knowledge(@Autowired KnowledgeIngestion ingestion, @Autowired PassageSearch search, @Autowired Tenants tenants) {
		DraftingFixtures.ingest(ingestion, search, DraftingFixtures.tenant(tenants, "acme"), DraftingFixtures.DOCUMENTS);
	}

	@Test
	void theSidebarMayBeFramedByTheConfiguredOriginsOnly() throws Exception {
		mvc.perform(get("/sidebar").param("lead", "L-1001").header("X-API-Key", "demo-acme-rep"))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Security-Policy",
					allOf(containsString("script-src 'self'"), endsWith("; frame-ancestors 'self'"))))
			.andExpect(header().doesNotExist("X-Frame-Options"))
			.andExpect(content().string(containsString("data-testid=\"lead-score\"")))
			.andExpect(content().string(containsString("Northwind Logistics")))
			.andExpect(content().string(containsString("case-study")));
		mvc.perform(get("/").header("X-API-Key", "demo-acme-rep")).andExpect(header().string("X-Frame-Options", "DENY"));
	}

	@Test
	void withoutAnotherSiteAllowedTheSessionCookieStaysSameSiteLax(
			@Autowired org.springframework.core.env.Environment environment) {
		org.assertj.core.api.Assertions.assertThat(environment.getProperty("server.servlet.session.cookie.same-site"))
			.isEqualTo("lax");
		org.assertj.core.api.Assertions.assertThat(environment.getProperty("server.servlet.session.cookie.secure"))
			.isNull();
	}

	@Test
	void generateRendersCitedSentencesAndSendToReviewMarksTheDraft() throws Exception {
		var html = mvc.perform(post("/sidebar/drafts").header("X-API-Key", "demo-acme-rep")
			.header("HX-Request", "true")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.param("lead", "L-1001")
			.param("angle", "intro")
			.param("tone", "friendly"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("data-testid=\"cited-sentence\"")))
			.andExpect(content().string(containsString("data-status=\"GENERATED\"")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		var matcher = Pattern.compile("data-draft-id=\"([0-9a-f-]{36})\"").matcher(html);
		org.assertj.core.api.Assertions.assertThat(matcher.find()).isTrue();
		mvc.perform(post("/sidebar/drafts/" + matcher.group(1) + "/submit").header("X-API-Key", "demo-acme-rep")
			.header("HX-Request", "true"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("data-testid=\"submitted\"")));
		mvc.perform(get("/api/drafts/" + matcher.group(1)).header("X-API-Key", "demo-acme-rep"))
			.andExpect(content().string(containsString("\"status\":\"SUBMITTED\"")));
	}

	@Test
	void aProblemIsShownInThePanel() throws Exception {
		mvc.perform(post("/sidebar/drafts").header("X-API-Key", "demo-acme-rep")
			.header("HX-Request", "true")
			.param("lead", "L-1001")
			.param("angle", "haiku"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("is not an angle")));
	}
}
