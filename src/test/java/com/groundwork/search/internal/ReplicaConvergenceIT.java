package com.groundwork.search.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.groundwork.GroundworkApplication;
import com.groundwork.identity.TenantId;
import com.groundwork.knowledge.KnowledgeIngestion;
import com.groundwork.knowledge.SourceDocument;
import com.groundwork.search.Passage;
import com.groundwork.search.PassageSearch;
import com.groundwork.search.SearchFilters;
import com.groundwork.search.SearchQuery;
import com.groundwork.support.PgvectorServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two instances on one PostgreSQL, each with its own Lucene index: what one ingests, the other's BM25 side finds
 * (through the change sequence, not its own events), including a replaced version, and an instance that was down
 * catches up on restart.
 */
class ReplicaConvergenceIT {

	@Test
	void eachInstancesLuceneIndexFollowsChangesMadeByTheOther() throws Exception {
		var url = PgvectorServer.freshDatabase("replicas");
		var dirA = Files.createTempDirectory(Path.of("target"), "replica-a-");
		var dirB = Files.createTempDirectory(Path.of("target"), "replica-b-");
		try (var a = start(url, dirA); var b = start(url, dirB)) {
			var tenant = new TenantId(UUID.randomUUID());
			a.getBean(JdbcClient.class)
				.sql("INSERT INTO tenant (id, slug, name, region, created_at) VALUES (?, 'replicas', 'Replicas', 'US', CURRENT_TIMESTAMP)")
				.param(tenant.value())
				.update();
			var ingestion = a.getBean(KnowledgeIngestion.class);
			ingestion.ingest(tenant, markdown("zanzibar.md", "Zanzibar routing", "Our zanzibar planner batches pallets."));
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(lexical(b, tenant, "zanzibar planner")).isNotEmpty());

			ingestion.ingest(tenant, markdown("zanzibar.md", "Quokka routing", "Our quokka planner batches pallets."));
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				assertThat(lexical(b, tenant, "quokka planner")).isNotEmpty();
				assertThat(lexical(b, tenant, "zanzibar")).isEmpty();
			});

			b.close();
			ingestion.ingest(tenant, markdown("wombat.md", "Wombat docks", "Wombat docks unload in ten minutes."));
			try (var restarted = start(url, dirB)) {
				await().atMost(Duration.ofSeconds(30))
					.untilAsserted(() -> assertThat(lexical(restarted, tenant, "wombat docks")).isNotEmpty());
				assertThat(lexical(restarted, tenant, "quokka planner")).isNotEmpty();
			}
		}
	}

	private static List<Passage> lexical(ConfigurableApplicationContext context, TenantId tenant, String text) {
		return context.getBean(PassageSearch.class)
			.search(new SearchQuery(tenant, text, 5, SearchFilters.NONE, false, SearchQuery.Retrieval.LEXICAL));
	}

	private static SourceDocument markdown(String name, String title, String body) {
		return new SourceDocument(name, ("# " + title + "\n\n" + body + "\n").getBytes(StandardCharsets.UTF_8));
	}

	private static ConfigurableApplicationContext start(String url, Path dataDir) {
		return new SpringApplicationBuilder(GroundworkApplication.class).profiles("postgres")
			.run("--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
					"--spring.datasource.password=", "--groundwork.data-dir=" + dataDir, "--server.port=0",
					"--groundwork.search.follow-changes=200ms", "--groundwork.knowledge.sync-on-start=false",
					"--spring.main.banner-mode=off");
	}
}
