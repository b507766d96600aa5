package com.groundwork.search.internal;

import com.groundwork.identity.TenantId;
import com.groundwork.search.SearchFilters;
import java.util.Set;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * The tenant and metadata filters as one non-scoring Lucene query, handed to both searches so that they rank only
 * chunks the caller may see and asked for (a top-k is never filtered afterwards).
 */
final class FilterQueries {

	private FilterQueries() {
	}

	static Query of(TenantId tenant, SearchFilters filters) {
		var query = new BooleanQuery.Builder()
			.add(new TermQuery(new Term(ChunkFields.TENANT, tenant.value().toString())), Occur.FILTER);
		filters.byName().forEach((field, values) -> {
			if (!values.isEmpty()) {
				query.add(anyOf(field, values), Occur.FILTER);
			}
		});
		return query.build();
	}

	private static Query anyOf(String field, Set<String> values) {
		if (values.size() == 1) {
			return new TermQuery(new Term(field, values.iterator().next()));
		}
		return new TermInSetQuery(field, values.stream().map(BytesRef::new).toList());
	}
}
