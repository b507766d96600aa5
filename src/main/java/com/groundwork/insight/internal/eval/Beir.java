package com.groundwork.insight.internal.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A retrieval test collection in BEIR's format: corpus.jsonl, queries.jsonl and a qrels TSV. */
final class Beir {

	private static final JsonMapper JSON = JsonMapper.shared();

	private Beir() {
	}

	record Document(String id, String title, String text) {
	}

	record Query(String id, String text) {
	}

	/** Graded judgements: query id → (document id → grade). Grades of 0 or less mean "not relevant". */
	record Qrels(Map<String, Map<String, Integer>> byQuery) {

		Map<String, Integer> of(String queryId) {
			return byQuery.getOrDefault(queryId, Map.of());
		}

		/** Whether BEIR evaluates the query: it has at least one relevant document. */
		boolean judges(String queryId) {
			return of(queryId).values().stream().anyMatch(grade -> grade > 0);
		}
	}

	static List<Document> corpus(Path file) throws IOException {
		var documents = new ArrayList<Document>();
		try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
			lines.filter(line -> !line.isBlank()).forEach(line -> {
				JsonNode node = JSON.readTree(line);
				documents.add(new Document(text(node, "_id"), text(node, "title"), text(node, "text")));
			});
		}
		return documents;
	}

	static List<Query> queries(Path file) throws IOException {
		var queries = new ArrayList<Query>();
		try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
			lines.filter(line -> !line.isBlank()).forEach(line -> {
				JsonNode node = JSON.readTree(line);
				queries.add(new Query(text(node, "_id"), text(node, "text")));
			});
		}
		return queries;
	}

	/** Reads {@code query-id corpus-id score} rows (tab separated, with or without the header). */
	static Qrels qrels(Path file) throws IOException {
		var byQuery = new LinkedHashMap<String, Map<String, Integer>>();
		for (var line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
			var columns = line.strip().split("\\s+");
			if (columns.length < 3 || columns[0].equals("query-id")) {
				continue;
			}
			byQuery.computeIfAbsent(columns[0], id -> new HashMap<>())
				.put(columns[1], (int) Math.round(Double.parseDouble(columns[columns.length - 1])));
		}
		return new Qrels(byQuery);
	}

	/** One corpus line, as read from corpus.jsonl (for benchmarks that include parsing). */
	static Document parseDocument(String line) {
		JsonNode node = JSON.readTree(line);
		return new Document(text(node, "_id"), text(node, "title"), text(node, "text"));
	}

	static String toJsonLine(Document document) {
		return JSON.writeValueAsString(Map.of("_id", document.id(), "title", document.title(), "text", document.text()));
	}

	private static String text(JsonNode node, String field) {
		var value = node.get(field);
		return value == null || value.isNull() ? "" : value.asString();
	}
}
