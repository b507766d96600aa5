package com.groundwork.search.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.CustomSeparatorBreakIterator;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

/**
 * Snippets of the body around the query's terms: HTML-escaped text with matches in {@code <mark>}. Uses the offsets
 * stored in the postings, so nothing is re-analyzed: each chunk's terms are those of its own language's analysis (a
 * German compound is marked where one of its parts matched), and the query's terms those of the analysis it was
 * searched with. A chunk only the vector search found gets its opening sentences.
 */
class SnippetHighlighter {

	private final LuceneChunkIndex index;

	private final int length;

	SnippetHighlighter(LuceneChunkIndex index, int length) {
		this.index = index;
		this.length = length;
	}

	/** One snippet per doc, in the order of {@code docs}. */
	String[] snippets(IndexSearcher searcher, Optional<Query> lexical, int[] docs) {
		if (docs.length == 0) {
			return new String[0];
		}
		// Term offsets straight from the postings (no per-document query matching) and sentences cut at '.': the
		// JDK's rule-based sentence iterator cost more than the search itself. The analyzer is never used with
		// offsets in the postings (it would be the English one, wrong for German chunks).
		var highlighter = UnifiedHighlighter.builder(searcher, index.analyzers().english())
			.withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", " … ", true))
			.withBreakIterator(() -> LengthGoalBreakIterator.createClosestToLength(new CustomSeparatorBreakIterator('.'),
					length, 0.3f))
			.withWeightMatches(false)
			.withMaxNoHighlightPassages(1)
			.build();
		try {
			var fields = highlighter.highlightFields(new String[] { ChunkFields.BODY },
					lexical.orElseGet(MatchNoDocsQuery::new), docs, new int[] { 1 });
			var snippets = fields.get(ChunkFields.BODY);
			for (int i = 0; i < snippets.length; i++) {
				if (snippets[i] == null) {
					snippets[i] = "";
				}
			}
			return snippets;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot highlight snippets", ex);
		}
	}
}
