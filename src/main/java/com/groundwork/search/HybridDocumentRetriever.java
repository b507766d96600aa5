package com.groundwork.search;

import com.groundwork.identity.CurrentActor;
import com.groundwork.identity.TenantId;
import java.util.HashMap;
import java.util.List;
import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;
import org.springframework.ai.rag.retrieval.search.DocumentRetriever;

/**
 * Hybrid search as Spring AI's retrieval stage: one {@link Document} per passage, id = chunk id, score = fused score,
 * metadata = documentId, chunkId, documentTitle, headingPath, contentHash, the passage's metadata fields and, when
 * explained, each search's rank and score.
 * <p>
 * The tenant is the current actor's, or {@link #TENANT} in the query context for work without a request (campaigns);
 * {@link #FILTERS} and {@link #TOP_K} in the context narrow and size the search.
 */
public final class HybridDocumentRetriever implements DocumentRetriever {

	/** Query context key: the {@link TenantId} to search in when there is no current actor. */
	public static final String TENANT = "groundwork.search.tenant";

	/** Query context key: {@link SearchFilters}. */
	public static final String FILTERS = "groundwork.search.filters";

	/** Query context key: how many passages (an Integer, 1 to {@link SearchQuery#MAX_K}). */
	public static final String TOP_K = "groundwork.search.top-k";

	public static final int DEFAULT_TOP_K = 8;

	private final PassageSearch search;

	private final CurrentActor currentActor;

	public HybridDocumentRetriever(PassageSearch search, CurrentActor currentActor) {
		this.search = search;
		this.currentActor = currentActor;
	}

	@Override
	public List<Document> retrieve(Query query) {
		var context = query.context();
		var tenant = context.get(TENANT) instanceof TenantId given ? given : currentActor.tenant();
		var filters = context.get(FILTERS) instanceof SearchFilters given ? given : SearchFilters.NONE;
		int k = context.get(TOP_K) instanceof Integer given ? given : DEFAULT_TOP_K;
		return search.search(new SearchQuery(tenant, query.text(), k, filters, true))
			.stream()
			.map(HybridDocumentRetriever::toDocument)
			.toList();
	}

	static Document toDocument(Passage passage) {
		var metadata = new HashMap<String, Object>();
		metadata.put("documentId", passage.documentId().toString());
		metadata.put("chunkId", passage.chunkId().toString());
		metadata.put("documentTitle", passage.documentTitle());
		metadata.put("headingPath", passage.headingPath());
		metadata.put("contentHash", passage.contentHash());
		metadata.put("type", passage.metadata().type());
		metadata.put("product", passage.metadata().product());
		metadata.put("industry", passage.metadata().industry());
		metadata.put("region", passage.metadata().region());
		metadata.put("language", passage.metadata().language());
		metadata.put("fusedScore", passage.fusedScore());
		passage.lexical().ifPresent(ranking -> {
			metadata.put("lexicalRank", ranking.rank());
			metadata.put("lexicalScore", ranking.score());
		});
		passage.vector().ifPresent(ranking -> {
			metadata.put("vectorRank", ranking.rank());
			metadata.put("vectorScore", ranking.score());
		});
		return Document.builder()
			.id(passage.chunkId().toString())
			.text(passage.text())
			.metadata(metadata)
			.score(passage.fusedScore())
			.build();
	}
}
