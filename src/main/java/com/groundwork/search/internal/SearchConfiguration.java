package com.groundwork.search.internal;

import com.groundwork.identity.CurrentActor;
import com.groundwork.knowledge.Embedders;
import com.groundwork.knowledge.KnowledgeChunks;
import com.groundwork.search.HybridDocumentRetriever;
import com.groundwork.search.PassageSearch;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Wires the search module. The vector store is chosen by {@code groundwork.search.vector-store}: {@code lucene}
 * (embedded default) or {@code pgvector} (set by the {@code postgres} profile).
 */
@Configuration(proxyBeanMethods = false)
// Application module listeners are @Async: without this they would run on the publisher's thread.
@EnableAsync
class SearchConfiguration {

	/** Written last by the indexer: the database projection's transaction may still roll back, Lucene's cannot. */
	@Bean(destroyMethod = "close")
	@Order(2)
	LuceneChunkIndex luceneChunkIndex(SearchSettings settings, Embedders embedders) {
		return new LuceneChunkIndex(settings, embedders.primary().dimensions(), extraModels(embedders));
	}

	private static List<VectorModel> extraModels(Embedders embedders) {
		return embedders.extras().stream().map(model -> VectorModel.extra(model.name())).toList();
	}

	@Bean
	@ConditionalOnProperty(name = "groundwork.search.vector-store", havingValue = "lucene", matchIfMissing = true)
	LuceneVectorIndex luceneVectorIndex(SearchSettings settings) {
		return new LuceneVectorIndex(settings);
	}

	@Bean
	@Order(1)
	@ConditionalOnProperty(name = "groundwork.search.vector-store", havingValue = "pgvector")
	PgVectorIndex pgVectorIndex(DataSource dataSource, PlatformTransactionManager transactionManager,
			SearchSettings settings, Embedders embedders) {
		return new PgVectorIndex(dataSource, transactionManager, settings, extraModels(embedders));
	}

	@Bean
	HitFusion hitFusion(SearchSettings settings) {
		return switch (settings.fusion()) {
			case RRF -> new ReciprocalRankFusion(settings.rrfK(), settings.lexicalWeight(), settings.vectorWeight(),
					settings.extraVectorWeight());
			case WEIGHTED -> new WeightedScoreFusion(settings.normalization(), settings.lexicalWeight(),
					settings.vectorWeight(), settings.extraVectorWeight());
		};
	}

	@Bean(destroyMethod = "close")
	HybridPassageSearch passageSearch(LuceneChunkIndex index, VectorIndex vectors, HitFusion fusion,
			Embedders embedders, SearchSettings settings) {
		var sides = new java.util.ArrayList<HybridPassageSearch.VectorSide>();
		for (var model : embedders.all()) {
			sides.add(new HybridPassageSearch.VectorSide(
					sides.isEmpty() ? VectorModel.PRIMARY : VectorModel.extra(model.name()),
					new QueryEmbeddings(model, settings.queryCacheSize())));
		}
		return new HybridPassageSearch(index, new LexicalSearch(index, settings), vectors, sides, fusion,
				new SnippetHighlighter(index, settings.snippetLength()), settings.candidates(),
				new RecentResults(settings.resultCacheSize()),
				new RelevanceFeedback(settings.feedback(), index.analyzers()));
	}

	@Bean
	HybridDocumentRetriever hybridDocumentRetriever(PassageSearch search, CurrentActor currentActor) {
		return new HybridDocumentRetriever(search, currentActor);
	}

	@Bean
	SearchRequestParser searchRequestParser(LuceneChunkIndex index) {
		return new SearchRequestParser(index);
	}

	@Bean
	SearchIndexer searchIndexer(KnowledgeChunks chunks, List<ChunkProjection> projections) {
		return new SearchIndexer(chunks, projections);
	}

	@Bean(destroyMethod = "close")
	ChangeFollower changeFollower(KnowledgeChunks chunks, SearchIndexer indexer, SearchSettings settings) {
		var index = settings.indexDir().toAbsolutePath().normalize();
		return new ChangeFollower(chunks, indexer, index.resolveSibling(index.getFileName() + ".changes"),
				settings.followChanges(), java.time.Duration.ofSeconds(30));
	}

	@Bean
	SearchIndexBootstrap searchIndexBootstrap(SearchIndexer indexer, ChangeFollower follower, KnowledgeChunks chunks) {
		return new SearchIndexBootstrap(indexer, follower, chunks);
	}
}
