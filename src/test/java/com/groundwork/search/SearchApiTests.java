package com.groundwork.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.groundwork.identity.TenantId;
import com.groundwork.knowledge.Embeddings;
import com.groundwork.knowledge.KnowledgeChunk;
import com.groundwork.knowledge.PassageMetadata;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.rag.Query;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The search module in the running application: real Lucene index, real in-process embedding model, events from a
 * test chunks table, the HTTP API and the Knowledge page fragment with the demo tenants' API keys.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(SearchTestConfiguration.class)
class SearchApiTests {

	static final String ACME_REP = "demo-acme-rep";

	static final String GLOBEX_REP = "demo-globex-rep";

	static final UUID PRICING = UUID.randomUUID();

	static final UUID FAQ = UUID.randomUUID();

	static final UUID CASE_STUDY = UUID.randomUUID();

	static final UUID SECURITY = UUID.randomUUID();

	static final UUID GLOBEX_PRICING = UUID.randomUUID();

	static final UUID PLAYBOOK = UUID.randomUUID();

	static final UUID GERMAN_FAQ = UUID.randomUUID();

	static boolean indexed;

	static TenantId acme;

	static TenantId globex;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		SearchTestConfiguration.dataDir(registry);
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	TestKnowledgeChunks knowledge;

	@Autowired
	Embeddings embeddings;

	@Autowired
	PassageSearch search;

	@Autowired
	HybridDocumentRetriever retriever;

	@BeforeEach
	void indexOnce() throws Exception {
		if (indexed) {
			return;
		}
		acme = tenantOf(ACME_REP);
		globex = tenantOf(GLOBEX_REP);
		index(acme, PRICING, "Pricing", new PassageMetadata("pricing", "suite", "", "emea", "en"),
				"The Team plan costs 40 dollars per user per month, billed annually.",
				"Enterprise pricing is negotiated; volume discounts start at 500 seats.");
		index(acme, FAQ, "FAQ", new PassageMetadata("faq", "suite", "", "emea", "en"),
				"You can cancel your subscription at any time from the billing page.",
				"Refunds are issued within 14 days of a cancellation request.");
		index(acme, CASE_STUDY, "Case study: Northwind Logistics",
				new PassageMetadata("case-study", "dispatch", "logistics", "na", "en"),
				"Northwind cut late deliveries by 23% after routing trucks with our dispatch optimizer.");
		index(acme, SECURITY, "Security overview", new PassageMetadata("faq", "vault", "", "emea", "en"),
				"All customer data is encrypted at rest with AES-256 and in transit with TLS 1.3.");
		index(acme, PLAYBOOK, "Deal desk playbook",
				new PassageMetadata("case-study", "dispatch", "", "emea", "en", "internal"),
				"Reps may offer a discount of up to 30 percent on dispatch renewals when a competitor is in the deal.");
		index(acme, GERMAN_FAQ, "Häufige Fragen zur Kühlkette", new PassageMetadata("faq", "suite", "", "emea", "de"),
				"Die Kühlkettenüberwachung meldet jede Temperaturabweichung an die Schichtleitung.");
		index(globex, GLOBEX_PRICING, "Globex pricing", new PassageMetadata("pricing", "suite", "", "emea", "en"),
				"The Team plan costs 40 dollars per user per month, billed annually.");
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			assertThat(search(acme, "northwind deliveries")).isNotEmpty();
			assertThat(search(globex, "team plan")).isNotEmpty();
			assertThat(search(acme, "encrypted")).isNotEmpty();
			assertThat(search(acme, "competitor discount renewals")).isNotEmpty();
			assertThat(search(acme, "Temperaturabweichung")).isNotEmpty();
		});
		indexed = true;
	}

	@Test
	void explainedResultsShowBothSearchesAndStayInTheCallersTenant() throws Exception {
		mvc.perform(api("/api/search?q=team plan price per user&explain=true&k=5", ACME_REP))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.query", is("team plan price per user")))
			.andExpect(jsonPath("$.passages[0].documentId", is(PRICING.toString())))
			.andExpect(jsonPath("$.passages[0].documentTitle", is("Pricing")))
			.andExpect(jsonPath("$.passages[0].headingPath", is("Pricing")))
			.andExpect(jsonPath("$.passages[0].snippet", containsString("<mark>Team</mark>")))
			.andExpect(jsonPath("$.passages[0].lexical.rank", is(1)))
			.andExpect(jsonPath("$.passages[0].vector.rank").isNumber())
			.andExpect(jsonPath("$.passages[0].vector.score").isNumber())
			.andExpect(jsonPath("$.passages[0].fusedScore").isNumber())
			.andExpect(jsonPath("$.passages[*].documentId", not(hasItem(GLOBEX_PRICING.toString()))));
		mvc.perform(api("/api/search?q=team plan price per user", GLOBEX_REP))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.passages[*].documentId", everyItem(is(GLOBEX_PRICING.toString()))));
	}

	@Test
	void withoutExplainThePerSearchColumnsAreLeftOut() throws Exception {
		mvc.perform(api("/api/search?q=refunds", ACME_REP))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.k", is(10)))
			.andExpect(jsonPath("$.passages[0]", not(hasKey("lexical"))))
			.andExpect(jsonPath("$.passages[0]", not(hasKey("vector"))))
			.andExpect(jsonPath("$.passages[0]", hasKey("fusedScore")));
	}

	@Test
	void theVectorSearchFindsAParaphraseWithoutSharedWords() {
		var passages = search.search(new SearchQuery(acme, "How do I get my money back?", 3, SearchFilters.NONE, true));

		assertThat(passages.getFirst().text()).startsWith("Refunds are issued");
		assertThat(passages.getFirst().lexical()).isEmpty();
		assertThat(passages.getFirst().vector()).hasValueSatisfying(ranking -> assertThat(ranking.rank()).isEqualTo(1));
	}

	@Test
	void filtersNarrowBothSearchesAndAcceptSeveralValues() throws Exception {
		mvc.perform(api("/api/search?q=plan pricing cancel refunds encrypted&type=faq&product=vault&explain=true",
				ACME_REP))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.passages.length()", is(1)))
			.andExpect(jsonPath("$.passages[0].documentId", is(SECURITY.toString())));
		// two pricing passages, three English FAQ ones and the German FAQ
		mvc.perform(api("/api/search?q=plan&type=faq&type=pricing&k=100", ACME_REP))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.passages.length()", is(6)))
			.andExpect(jsonPath("$.passages[*].metadata.type", everyItem(org.hamcrest.Matchers.oneOf("faq", "pricing"))))
			.andExpect(jsonPath("$.filters.type", hasItems("faq", "pricing")));
	}

	@Test
	void visibilityKeepsInternalDocumentsOutOfWhatMayBeQuotedToProspects() throws Exception {
		mvc.perform(api("/api/search?q=competitor discount dispatch renewals&k=100", ACME_REP))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.passages[0].documentId", is(PLAYBOOK.toString())))
			.andExpect(jsonPath("$.passages[0].metadata.visibility", is("internal")));
		mvc.perform(api("/api/search?q=competitor discount dispatch renewals&k=100&visibility=public", ACME_REP))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.passages[*].documentId", not(hasItem(PLAYBOOK.toString()))))
			.andExpect(jsonPath("$.passages[*].metadata.visibility", everyItem(is("public"))));
		mvc.perform(api("/api/search?q=discount&visibility=secret", ACME_REP))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter", is("visibility")))
			.andExpect(jsonPath("$.allowed", is(List.of("internal", "public"))));
	}

	@Test
	void anEmptyQueryIsAProblemNamingQ() throws Exception {
		mvc.perform(api("/api/search", ACME_REP).param("q", " "))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.parameter", is("q")))
			.andExpect(jsonPath("$.errors[0].field", is("q")))
			.andExpect(jsonPath("$.detail", containsString("q: must not be empty")));
		mvc.perform(api("/api/search", ACME_REP))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter", is("q")));
	}

	@Test
	void kOutsideOneToAHundredIsAProblemNamingK() throws Exception {
		for (var k : List.of("0", "101", "ten")) {
			mvc.perform(api("/api/search?q=plan&k=" + k, ACME_REP))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.parameter", is("k")))
				.andExpect(jsonPath("$.allowed[0]", is("a whole number from 1 to 100")));
		}
		mvc.perform(api("/api/search?q=plan&k=100", ACME_REP)).andExpect(status().isOk());
	}

	@Test
	void anUnknownParameterOrFilterValueIsAProblemListingTheAllowedOnes() throws Exception {
		mvc.perform(api("/api/search?q=plan&colour=red", ACME_REP))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter", is("colour")))
			.andExpect(jsonPath("$.allowed", hasItems("q", "k", "type", "product", "industry", "region", "language",
					"visibility", "explain", "query_language")));
		mvc.perform(api("/api/search?q=plan&type=pricng", ACME_REP))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter", is("type")))
			.andExpect(jsonPath("$.allowed", is(List.of("case-study", "faq", "pricing"))));
		mvc.perform(api("/api/search?q=plan&industry=logistics&explain=maybe", ACME_REP))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter", is("explain")));
	}

	@Test
	void aGermanQueryFindsTheCompoundItsWordsMakeUpAndMarksIt() throws Exception {
		for (var language : List.of("&query_language=de", "&query_language=DE", "")) {
			mvc.perform(api("/api/search?q=Überwachung der Kühlketten&type=faq" + language, ACME_REP))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.passages[0].documentTitle", is("Häufige Fragen zur Kühlkette")))
				.andExpect(jsonPath("$.passages[0].snippet", containsString("<mark>Kühlkettenüberwachung</mark>")));
		}
	}

	@Test
	void aQueryLanguageThatIsNoIsoCodeIsAProblemNamingIt() throws Exception {
		for (var language : List.of("german", "xx", "d")) {
			mvc.perform(api("/api/search?q=plan&query_language=" + language, ACME_REP))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.parameter", is("query_language")))
				.andExpect(jsonPath("$.detail", containsString("ISO 639-1")));
		}
	}

	@Test
	void callersNeedAKeyOrASession() throws Exception {
		mvc.perform(get("/api/search?q=plan")).andExpect(status().isUnauthorized());
	}

	@Test
	void theKnowledgePageFragmentShowsTheExplainedTable() throws Exception {
		mvc.perform(api("/knowledge/search?q=northwind <deliveries>", ACME_REP).header("HX-Request", "true"))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
			.andExpect(content().string(containsString("data-testid=\"search-table\"")))
			.andExpect(content().string(containsString("data-testid=\"result-lexical\">1 / ")))
			.andExpect(content().string(containsString("<mark>Northwind</mark>")))
			.andExpect(content().string(containsString("Case study: Northwind Logistics")));
		mvc.perform(api("/knowledge/search?q=zzzxxy qqqwv", GLOBEX_REP).header("HX-Request", "true"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("data-testid=\"search-result\"")));
		mvc.perform(api("/knowledge/search?q=", ACME_REP).header("HX-Request", "true"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("data-testid=\"search-error\"")))
			.andExpect(content().string(containsString("q: must not be empty")));
	}

	@Test
	void theDocumentRetrieverReturnsSpringAiDocumentsWithProvenance() {
		var documents = retriever.retrieve(Query.builder()
			.text("Northwind late deliveries")
			.context(Map.of(HybridDocumentRetriever.TENANT, acme, HybridDocumentRetriever.TOP_K, 2))
			.build());

		assertThat(documents).hasSizeLessThanOrEqualTo(2).isNotEmpty();
		var best = documents.getFirst();
		assertThat(best.getText()).contains("Northwind cut late deliveries");
		assertThat(best.getMetadata()).containsEntry("documentId", CASE_STUDY.toString())
			.containsEntry("headingPath", "Case study: Northwind Logistics")
			.containsKeys("chunkId", "contentHash", "lexicalRank", "lexicalScore", "vectorRank", "vectorScore",
					"fusedScore");
		assertThat(best.getScore()).isPositive();
	}

	@Test
	void eventsKeepTheIndexInStepWithTheChunksTable() {
		var document = UUID.randomUUID();
		index(acme, document, "Onboarding", new PassageMetadata("guide", "", "", "", "en"),
				"Kickoff calls are scheduled within two business days.");
		await().atMost(Duration.ofSeconds(30)).until(() -> !search(acme, "kickoff calls").isEmpty());

		index(acme, document, "Onboarding", new PassageMetadata("guide", "", "", "", "en"),
				"Kickoff workshops are held on site in the first week.");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> search(acme, "kickoff").stream().anyMatch(p -> p.text().contains("workshops")));
		assertThat(search(acme, "kickoff")).noneMatch(p -> p.text().contains("calls"));

		knowledge.replay(acme, document);
		knowledge.remove(acme, document);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> search(acme, "kickoff workshops").stream().noneMatch(p -> p.documentId().equals(document)));
	}

	private List<Passage> search(TenantId tenant, String text) {
		return search.search(new SearchQuery(tenant, text, 10, SearchFilters.NONE, false, SearchQuery.Retrieval.LEXICAL));
	}

	private void index(TenantId tenant, UUID documentId, String title, PassageMetadata metadata, String... texts) {
		var vectors = embeddings.embedPassages(List.of(texts).stream().map(text -> title + "\n\n" + text).toList());
		var chunks = new ArrayList<KnowledgeChunk>();
		for (int i = 0; i < texts.length; i++) {
			chunks.add(new KnowledgeChunk(UUID.randomUUID(), documentId, tenant, i, title, title, texts[i], metadata,
					vectors.get(i), sha256(texts[i])));
		}
		knowledge.index(tenant, documentId, chunks);
	}

	private TenantId tenantOf(String apiKey) throws Exception {
		var body = mvc.perform(get("/api/me").header("X-API-Key", apiKey))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return TenantId.of(JsonMapper.shared().readTree(body).get("tenantId").asString());
	}

	private static MockHttpServletRequestBuilder api(String uri, String apiKey) {
		return get(uri).header("X-API-Key", apiKey);
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}
}
