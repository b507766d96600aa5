package com.groundwork.search.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.QueryBuilder;

/**
 * BM25 over the body and the heading path. The query text is analyzed like the indexed text and every term is
 * optional (no query syntax: user input cannot break or widen the query); a heading-path match adds its boosted score
 * to the body's.
 */
class LexicalSearch {

	private final QueryBuilder queries;

	private final float titleBoost;

	LexicalSearch(LuceneChunkIndex index, SearchSettings settings) {
		this.queries = new QueryBuilder(index.analyzer());
		this.titleBoost = settings.lexical().titleBoost();
	}

	/** The scoring part of the query, or empty when the text has no searchable term (only stop words, say). */
	Optional<Query> query(String text) {
		var body = queries.createBooleanQuery(ChunkFields.BODY, text);
		var title = titleBoost > 0 ? queries.createBooleanQuery(ChunkFields.TITLE, text) : null;
		if (body == null && title == null) {
			return Optional.empty();
		}
		if (title == null) {
			return Optional.of(body);
		}
		var both = new BooleanQuery.Builder().add(body, Occur.SHOULD)
			.add(new BoostQuery(title, titleBoost), Occur.SHOULD);
		return Optional.of(both.build());
	}

	/** The best {@code depth} chunks matching {@code scoring} among those the filter admits. */
	List<Hit> search(IndexSearcher searcher, Query scoring, Query filter, int depth) {
		var query = new BooleanQuery.Builder().add(scoring, Occur.MUST).add(filter, Occur.FILTER).build();
		try {
			var top = searcher.search(query, depth);
			var hits = new ArrayList<Hit>(top.scoreDocs.length);
			for (var scoreDoc : top.scoreDocs) {
				hits.add(new Hit(scoreDoc.doc, scoreDoc.score));
			}
			return hits;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Lexical search failed", ex);
		}
	}
}
