package com.groundwork.search.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Pseudo-relevance feedback: the first round's best chunks stand in for judged-relevant ones.
 * <ul>
 * <li>Rocchio, on the vector side: the query vector moves toward their centroid,
 * {@code (1 - w) q + w mean(d)} (both unit length), which fills in what a short query leaves unsaid.</li>
 * <li>RM3 (Abdul-Jaleel et al., 2004), on the BM25 side: a relevance model {@code P(t|R) = mean_d tf(t,d) / |d|} over
 * their analyzed text, whose top terms join the original query with weight {@code w} (the original keeps
 * {@code 1 - w}). Terms in more than a tenth of all chunks say nothing about the topic and are left out.</li>
 * </ul>
 */
final class RelevanceFeedback {

	/** Terms in more chunks than this share of the index are not expansion terms. */
	private static final double MAX_DOCUMENT_FREQUENCY = 0.1;

	private final SearchSettings.Feedback settings;

	private final LanguageAnalyzers analyzers;

	RelevanceFeedback(SearchSettings.Feedback settings, LanguageAnalyzers analyzers) {
		this.settings = settings;
		this.analyzers = analyzers;
	}

	SearchSettings.Feedback settings() {
		return settings;
	}

	/** The query vector moved toward the feedback vectors' centroid; the query itself when there are none. */
	float[] rocchio(float[] query, Collection<float[]> feedback) {
		if (feedback.isEmpty()) {
			return query;
		}
		var centroid = new float[query.length];
		for (var vector : feedback) {
			var unit = ChunkFields.unit(vector);
			for (int i = 0; i < centroid.length; i++) {
				centroid[i] += unit[i] / feedback.size();
			}
		}
		var unitQuery = ChunkFields.unit(query);
		var unitCentroid = ChunkFields.unit(centroid);
		double weight = settings.vectorWeight();
		var moved = new float[query.length];
		for (int i = 0; i < moved.length; i++) {
			moved[i] = (float) ((1 - weight) * unitQuery[i] + weight * unitCentroid[i]);
		}
		return ChunkFields.unit(moved);
	}

	/** {@code original} expanded with the relevance model of {@code docs}' bodies (RM3). */
	Query expand(IndexSearcher searcher, Query original, int[] docs) {
		var model = relevanceModel(searcher, docs);
		if (model.isEmpty()) {
			return original;
		}
		var top = new ArrayList<>(model.entrySet());
		top.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()));
		var chosen = top.subList(0, Math.min(settings.terms(), top.size()));
		double total = chosen.stream().mapToDouble(Map.Entry::getValue).sum();
		var expansion = new BooleanQuery.Builder();
		for (var term : chosen) {
			expansion.add(new BoostQuery(new TermQuery(new Term(ChunkFields.BODY, term.getKey())),
					(float) (term.getValue() / total)), Occur.SHOULD);
		}
		double weight = settings.termWeight();
		return new BooleanQuery.Builder().add(new BoostQuery(original, (float) (1 - weight)), Occur.SHOULD)
			.add(new BoostQuery(expansion.build(), (float) weight), Occur.SHOULD)
			.build();
	}

	/** P(t|R) over the feedback chunks, each weighing the same; common terms left out. */
	private Map<String, Double> relevanceModel(IndexSearcher searcher, int[] docs) {
		var model = new HashMap<String, Double>();
		try {
			var stored = searcher.storedFields();
			var reader = searcher.getIndexReader();
			double maxDocFreq = Math.max(1, MAX_DOCUMENT_FREQUENCY * reader.numDocs());
			for (int doc : docs) {
				var fields = stored.document(doc, Set.of(ChunkFields.BODY, ChunkFields.ANALYSIS));
				var body = fields.get(ChunkFields.BODY);
				if (body == null) {
					continue;
				}
				// the chunk's own analysis, so that its terms are the ones the index holds
				var language = fields.get(ChunkFields.ANALYSIS);
				var frequencies = termFrequencies(body,
						analyzers.forIndexing(language == null ? LanguageAnalyzers.ENGLISH : language));
				double length = frequencies.values().stream().mapToInt(Integer::intValue).sum();
				frequencies.forEach((term, tf) -> model.merge(term, tf / length / docs.length, Double::sum));
			}
			model.keySet().removeIf(term -> {
				try {
					return term.length() < 3 || reader.docFreq(new Term(ChunkFields.BODY, term)) > maxDocFreq;
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
			return model;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read feedback chunks", ex);
		}
	}

	private static Map<String, Integer> termFrequencies(String text, org.apache.lucene.analysis.Analyzer analyzer)
			throws IOException {
		var frequencies = new HashMap<String, Integer>();
		try (var stream = analyzer.tokenStream(ChunkFields.BODY, text)) {
			var term = stream.addAttribute(CharTermAttribute.class);
			stream.reset();
			while (stream.incrementToken()) {
				frequencies.merge(term.toString(), 1, Integer::sum);
			}
			stream.end();
		}
		return frequencies;
	}
}
