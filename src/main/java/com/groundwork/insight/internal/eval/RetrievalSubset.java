package com.groundwork.insight.internal.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;

/**
 * The quick retrieval set: a fixed twentieth of the judged SciFact training queries (by a hash of their id), and a
 * corpus of every document relevant to them plus a fixed twentieth of the others as distractors (about 40 queries
 * over 300 abstracts). Small enough to embed in a minute; it catches a broken analyzer, embedding or fusion, not a
 * tuning change (the full run does).
 */
record RetrievalSubset(Path corpus, Path queries) {

	static final int SHARE = 20;

	static RetrievalSubset write(Path corpus, Path queries, Path qrels, Path work) throws IOException {
		var judgements = Beir.qrels(qrels);
		var chosen = new ArrayList<String>();
		var queryLines = new ArrayList<String>();
		for (var query : Beir.queries(queries)) {
			if (judgements.judges(query.id()) && picked(query.id())) {
				chosen.add(query.id());
				queryLines.add(tools.jackson.databind.json.JsonMapper.shared()
					.writeValueAsString(java.util.Map.of("_id", query.id(), "text", query.text())));
			}
		}
		var relevant = new HashSet<String>();
		chosen.forEach(id -> judgements.of(id).forEach((document, grade) -> {
			if (grade > 0) {
				relevant.add(document);
			}
		}));
		var corpusLines = new ArrayList<String>();
		for (var document : Beir.corpus(corpus)) {
			if (relevant.contains(document.id()) || picked("doc:" + document.id())) {
				corpusLines.add(Beir.toJsonLine(document));
			}
		}
		var corpusFile = work.resolve("scifact-quick-corpus.jsonl");
		var queriesFile = work.resolve("scifact-quick-queries.jsonl");
		Files.write(corpusFile, corpusLines, StandardCharsets.UTF_8);
		Files.write(queriesFile, queryLines, StandardCharsets.UTF_8);
		return new RetrievalSubset(corpusFile, queriesFile);
	}

	/** A stable choice: String.hashCode is specified, so the same ids are picked on every machine. */
	private static boolean picked(String id) {
		return Math.floorMod(id.hashCode() * 31 + 7, SHARE) == 0;
	}
}
