package com.groundwork.drafting;

import static org.awaitility.Awaitility.await;

import com.groundwork.identity.TenantId;
import com.groundwork.identity.Tenants;
import com.groundwork.knowledge.KnowledgeIngestion;
import com.groundwork.knowledge.SourceDocument;
import com.groundwork.search.PassageSearch;
import com.groundwork.search.SearchFilters;
import com.groundwork.search.SearchQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A few documents of the sample corpus, ingested for a tenant (the whole corpus would take minutes to embed), and
 * searchable once the search index has caught up.
 */
public final class DraftingFixtures {

	/** Logistics case studies and product pages, plus the security FAQ: enough for the acme demo leads. */
	public static final List<String> DOCUMENTS = List.of("case-studies/brightwater-freight.md",
			"case-studies/kessler-kuehllogistik.md", "case-studies/pinecrest-outfitters.md",
			"case-studies/veldhuis-medical-distribution.md", "products/dockpilot.md", "products/platform-overview.md",
			"security/security-compliance-faq.md");

	private DraftingFixtures() {
	}

	public static TenantId tenant(Tenants tenants, String slug) {
		return tenants.all().stream().filter(tenant -> tenant.slug().equals(slug)).findFirst().orElseThrow().id();
	}

	public static void ingest(KnowledgeIngestion ingestion, PassageSearch search, TenantId tenant, List<String> documents) {
		for (var document : documents) {
			try {
				ingestion.ingest(tenant, new SourceDocument(document, Files.readAllBytes(Path.of("knowledge", document))));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> search
			.search(new SearchQuery(tenant, "dock appointment scheduling", 20, SearchFilters.NONE, false))
			.stream()
			.map(passage -> passage.documentId())
			.distinct()
			.count() >= 3);
	}
}
