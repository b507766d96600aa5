package com.groundwork.search.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.QueryBuilder;

/**
 * BM25 over the body and the heading path. The query text is analyzed like the indexed text of its language and every
 * term is optional (no query syntax: user input cannot break or widen the query); a heading-path match adds its
 * boosted score to the body's.
 */
class LexicalSearch {

	private final Map<String, QueryBuilder> queries = new LinkedHashMap<>();

	private final float titleBoost;

	LexicalSearch(LuceneChunkIndex index, SearchSettings settings) {
		for (var language : LanguageAnalyzers.LANGUAGES) {
			queries.put(language, new QueryBuilder(index.analyzers().forQueries(language)));
		}
		this.titleBoost = settings.lexical().titleBoost();
	}

	/** The scoring part of a query in an unknown language: see {@link #query(String, Optional)}. */
	Optional<Query> query(String text) {
		return query(text, Optional.empty());
	}

	/**
	 * The scoring part of the query, or empty when the text has no searchable term (only stop words, say). A query in
	 * a known language is analyzed as that language's chunks were (English for a language without analysis of its
	 * own). A query in an unknown language is analyzed in every language, and a chunk scores by the analysis that
	 * matches it best (a disjunction max, no tie-break): an English chunk keeps its English score, a German chunk gets
	 * its German one, and a word that both analyses reduce alike ("dockpilot") is not counted twice, as a sum of the
	 * two would count it. Each chunk was indexed in one language, so the other analysis rarely matches it at all.
	 */
	Optional<Query> query(String text, Optional<String> language) {
		if (language.isPresent()) {
			return query(queries.get(LanguageAnalyzers.supported(language.get())), text);
		}
		var analyses = new ArrayList<Query>();
		for (var builder : queries.values()) {
			query(builder, text).ifPresent(analyses::add);
		}
		if (analyses.size() < 2) {
			return analyses.stream().findFirst();
		}
		return Optional.of(new DisjunctionMaxQuery(analyses, 0));
	}

	private Optional<Query> query(QueryBuilder queries, String text) {
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
