package com.groundwork.search.internal;

import com.groundwork.knowledge.PassageMetadata;
import com.groundwork.search.Passage;
import com.groundwork.search.Passage.Ranking;
import com.groundwork.search.SearchQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The JSON answer of {@code GET /api/search}.
 *
 * @param passages {@link Row}s, or {@link ExplainedRow}s (with each search's rank and score) when explain=true
 */
record SearchResults(String query, int k, Map<String, Set<String>> filters, String fusion, List<?> passages) {

	static SearchResults of(SearchQuery query, String fusion, List<Passage> passages) {
		var rows = new ArrayList<Object>(passages.size());
		for (int i = 0; i < passages.size(); i++) {
			var passage = passages.get(i);
			var row = new Row(i + 1, passage.documentId(), passage.chunkId(), passage.documentTitle(),
					passage.headingPath(), passage.snippet(), passage.contentHash(), passage.metadata(),
					passage.fusedScore());
			rows.add(query.explain() ? ExplainedRow.of(row, passage) : row);
		}
		return new SearchResults(query.text(), query.k(), query.filters().byName(), fusion, rows);
	}

	/** One passage; {@code snippet} is HTML-escaped with matches in {@code <mark>}. */
	record Row(int rank, UUID documentId, UUID chunkId, String documentTitle, String headingPath, String snippet,
			String contentHash, PassageMetadata metadata, double fusedScore) {
	}

	/** One passage with how each search ranked it; {@code lexical} / {@code vector} are null when it missed. */
	record ExplainedRow(int rank, UUID documentId, UUID chunkId, String documentTitle, String headingPath,
			String snippet, String contentHash, PassageMetadata metadata, @Nullable Ranking lexical,
			@Nullable Ranking vector, double fusedScore) {

		static ExplainedRow of(Row row, Passage passage) {
			return new ExplainedRow(row.rank(), row.documentId(), row.chunkId(), row.documentTitle(),
					row.headingPath(), row.snippet(), row.contentHash(), row.metadata(),
					passage.lexical().orElse(null), passage.vector().orElse(null), row.fusedScore());
		}
	}
}
