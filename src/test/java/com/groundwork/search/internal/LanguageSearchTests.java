package com.groundwork.search.internal;

import static com.groundwork.search.internal.SearchFixtures.chunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.groundwork.identity.TenantId;
import com.groundwork.knowledge.PassageMetadata;
import com.groundwork.search.Passage;
import com.groundwork.search.SearchFilters;
import com.groundwork.search.SearchQuery;
import com.groundwork.search.SearchQuery.Retrieval;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chunks analyzed in their document's language, on a real index: German passages of the shipped knowledge (and one
 * that spells a compound apart) beside English ones, searched lexically so that only the analysis decides.
 */
class LanguageSearchTests {

	static final TenantId ACME = new TenantId(UUID.randomUUID());

	static final PassageMetadata GERMAN = new PassageMetadata("product-doc", "dockpilot", "", "emea", "de");

	static final PassageMetadata ENGLISH = new PassageMetadata("product-doc", "dockpilot", "", "emea", "en");

	static final PassageMetadata UNDECLARED = new PassageMetadata("product-doc", "dockpilot", "", "emea", "");

	final UUID portal = UUID.randomUUID();

	final UUID cooling = UUID.randomUUID();

	final UUID english = UUID.randomUUID();

	final UUID undeclared = UUID.randomUUID();

	@TempDir
	Path dir;

	SearchFixtures.Stack stack;

	@BeforeEach
	void open() {
		stack = SearchFixtures.Stack.open(SearchFixtures.settings(dir.resolve("index")));
		stack.index().replace(ACME, portal, List.of(chunk(ACME, portal, 0, "Spediteursportal",
				"Spediteure und Lieferanten buchen, verschieben und stornieren Zeitfenster selbst, rund um die Uhr und "
						+ "in neun Sprachen, darunter Deutsch, Polnisch und Tschechisch.",
				GERMAN)));
		stack.index().replace(ACME, cooling, List.of(chunk(ACME, cooling, 0, "Temperaturführung",
				"Die Überwachung der Kühlkette beginnt an der Rampe: Tiefkühlware wird bei minus 25 Grad entladen.",
				GERMAN)));
		stack.index().replace(ACME, english, List.of(chunk(ACME, english, 0, "Carrier portal",
				"Carriers and suppliers book, move and cancel their own appointments around the clock, in nine "
						+ "languages.",
				ENGLISH)));
		stack.index().replace(ACME, undeclared, List.of(chunk(ACME, undeclared, 0, "Torterminal",
				"Fahrer melden sich am Tablet oder Terminal an der Einfahrt mit dem QR-Code aus ihrer "
						+ "Buchungsbestätigung an; die Anmeldung dauert im Schnitt weniger als 30 Sekunden.",
				UNDECLARED)));
	}

	@AfterEach
	void close() throws Exception {
		stack.close();
	}

	@Test
	void aGermanCompoundInTheQueryFindsAPassageThatSpellsItApart() {
		var passages = lexical("Kühlkettenüberwachung", "de");

		assertThat(passages).extracting(Passage::documentId).containsExactly(cooling);
		assertThat(passages.getFirst().snippet()).contains("<mark>Überwachung</mark>").contains("<mark>Kühlkette</mark>");
	}

	@Test
	void theWordsOfACompoundFindThePassageThatHasIt() {
		assertThat(lexical("Portal für Spediteure", "de")).extracting(Passage::documentId).first().isEqualTo(portal);
		assertThat(lexical("freie Fenster buchen", "de")).extracting(Passage::documentId).first().isEqualTo(portal);
		assertThat(lexical("Bestätigung der Buchung", "de")).extracting(Passage::documentId).containsExactly(undeclared);
	}

	@Test
	void aQueryInAnUnknownLanguageIsAnalyzedBothWaysAndFindsEachLanguagesPassage() {
		assertThat(lexical("Kühlkettenüberwachung", null)).extracting(Passage::documentId).containsExactly(cooling);
		assertThat(lexical("carriers cancelling appointments", null)).extracting(Passage::documentId)
			.containsExactly(english);
		assertThat(lexical("Spediteure stornieren Zeitfenster", null)).extracting(Passage::documentId)
			.first()
			.isEqualTo(portal);
	}

	@Test
	void anEnglishQueryIsStemmedTheEnglishWayAsBefore() {
		assertThat(lexical("cancelling appointments", "en")).extracting(Passage::documentId).containsExactly(english);
		// English analysis does not split German compounds: the German passages are not found by their parts
		assertThat(lexical("Kühlkettenüberwachung", "en")).isEmpty();
		// a language without an analysis of its own is analyzed as English, as its passages were
		assertThat(lexical("cancelling appointments", "fr")).extracting(Passage::documentId).containsExactly(english);
	}

	@Test
	void aPassageWhoseDocumentDeclaresNoLanguageIsAnalyzedInTheDetectedOne() throws Exception {
		assertThat(analyzedAs("de")).isEqualTo(3);
		assertThat(analyzedAs("en")).isEqualTo(1);
		assertThat(lexical("Buchungsbestätigungen", "de")).extracting(Passage::documentId).containsExactly(undeclared);
	}

	@Test
	void aQueryLanguageMustBeAnIsoCode() {
		var query = new SearchQuery(ACME, "Zeitfenster", 10, SearchFilters.NONE, false);
		assertThat(query.language()).isEmpty();
		assertThat(query.withLanguage("de").language()).contains("de");
		assertThat(query.withLanguage(" ").language()).isEmpty();
		for (var bad : List.of("german", "DE", "xx", "d")) {
			assertThatThrownBy(() -> query.withLanguage(bad)).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("language")
				.hasMessageContaining("'" + bad + "'");
		}
	}

	private int analyzedAs(String language) throws Exception {
		var searcher = stack.index().acquire();
		try {
			return searcher.count(new TermQuery(new Term(ChunkFields.ANALYSIS, language)));
		}
		finally {
			stack.index().release(searcher);
		}
	}

	private List<Passage> lexical(String text, String language) {
		var query = new SearchQuery(ACME, text, 10, SearchFilters.NONE, true, Retrieval.LEXICAL);
		return stack.search().search(language == null ? query : query.withLanguage(language));
	}
}
