package com.groundwork.insight.internal.eval;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The leave-one-category-out figures of {@code train-injection-detector}: each held-out text's highest window score
 * (attack texts: only the windows that are the attack count), recall and false positive rate at a threshold, and the
 * threshold itself — the lowest whose false positive rate on held-out benign texts is within the limit.
 */
record InjectionDetectorFigures(List<InjectionDetectorTraining.Scored> positives, List<InjectionDetectorTraining.Scored> negatives,
		Map<String, String> families, double threshold, boolean withPatterns) {

	static InjectionDetectorFigures choose(InjectionDetectorFigures figures, double maxFpr) {
		double best = 0.99;
		for (int step = 99; step >= 1; step--) {
			double t = step / 100.0;
			if (figures.fpr(t) <= maxFpr) {
				best = t;
			}
			else {
				break;
			}
		}
		return new InjectionDetectorFigures(figures.positives, figures.negatives, figures.families, best,
				figures.withPatterns);
	}

	/**
	 * The false positive rate on held-out benign texts, averaged over their sources (e-mail, table, code, knowledge,
	 * CRM note) so that the 900 generated notes do not outweigh the 50 e-mails.
	 */
	double fpr(double t) {
		var sources = negatives.stream().map(InjectionDetectorTraining.Scored::group).distinct().toList();
		double sum = 0;
		for (var source : sources) {
			var of = negatives.stream().filter(scored -> scored.group().equals(source)).toList();
			sum += of.stream().filter(scored -> scored.score() >= t).count() / (double) of.size();
		}
		return sources.isEmpty() ? 0 : Math.round(1e4 * sum / sources.size()) / 1e4;
	}

	double pooledFpr(double t) {
		return rate(negatives.stream().filter(scored -> scored.score() >= t).count(), negatives.size());
	}

	double recall(double t, String family, String kind) {
		var selected = positives.stream()
			.filter(scored -> family == null || families.get(scored.group()).equals(family))
			.filter(scored -> kind == null || scored.kind().equals(kind))
			.toList();
		return rate(selected.stream().filter(scored -> scored.score() >= t).count(), selected.size());
	}

	private static double rate(long hits, long all) {
		return all == 0 ? 0 : Math.round(1e4 * hits / (double) all) / 1e4;
	}

	Map<String, Object> summary(InjectionDetectorFigures embeddingOnly) {
		var summary = new LinkedHashMap<String, Object>();
		summary.put("loco_recall", recall(threshold, null, null));
		summary.put("loco_fpr", fpr(threshold));
		summary.put("threshold", threshold);
		summary.put("loco_recall_text", recall(threshold, "text", null));
		summary.put("loco_recall_code", recall(threshold, "code", null));
		summary.put("loco_recall_bare", recall(threshold, null, "bare"));
		summary.put("loco_fpr_pooled", pooledFpr(threshold));
		var bySource = new LinkedHashMap<String, Object>();
		negatives.stream().map(InjectionDetectorTraining.Scored::group).distinct().forEach(source -> {
			var of = negatives.stream().filter(scored -> scored.group().equals(source)).toList();
			bySource.put(source, rate(of.stream().filter(scored -> scored.score() >= threshold).count(), of.size()));
		});
		summary.put("fpr_by_source", bySource);
		var byCategory = new LinkedHashMap<String, Object>();
		families.keySet().forEach(category -> {
			var of = positives.stream().filter(scored -> scored.group().equals(category)).toList();
			byCategory.put(category, rate(of.stream().filter(scored -> scored.score() >= threshold).count(), of.size()));
		});
		summary.put("by_category", byCategory);
		if (withPatterns) {
			summary.put("union_recall", rate(positives.stream().filter(s -> s.score() >= threshold || s.patterns()).count(),
					positives.size()));
			summary.put("union_fpr", rate(negatives.stream().filter(s -> s.score() >= threshold || s.patterns()).count(),
					negatives.size()));
			summary.put("patterns_recall", rate(positives.stream().filter(InjectionDetectorTraining.Scored::patterns).count(),
					positives.size()));
		}
		if (embeddingOnly != null) {
			var only = new LinkedHashMap<String, Object>();
			only.put("loco_recall", embeddingOnly.recall(embeddingOnly.threshold, null, null));
			only.put("loco_fpr", embeddingOnly.fpr(embeddingOnly.threshold));
			only.put("threshold", embeddingOnly.threshold);
			only.put("loco_recall_text", embeddingOnly.recall(embeddingOnly.threshold, "text", null));
			summary.put("embedding_only", only);
		}
		return summary;
	}

	static String markdown(InjectionDetectorFigures chosen, InjectionDetectorFigures embeddingOnly, Map<String, Object> counts, String fingerprint,
			Path model) {
		var summary = chosen.summary(embeddingOnly);
		var md = new StringBuilder("# Learned injection detector\n\n");
		md.append("`").append(InjectionDetectorTraining.COMMAND).append("` wrote `").append(model)
			.append("` (fingerprint `").append(fingerprint, 0, 16).append("…`).\n\n");
		md.append("Leave-one-category-out cross-validation on the training data: for each of the ")
			.append(chosen.families.size())
			.append(" attack categories, a model trained on the other categories' attacks and on the benign texts of four of")
			.append(" five folds scores the held-out category's attacks (bare, and placed at the start, middle or end of a")
			.append(" held-out e-mail, CRM note or knowledge paragraph, or after a company name) and the held-out fold's")
			.append(" benign texts. A text counts as flagged when one of its windows (about a sentence) reaches the threshold;")
			.append(" an attack only by the windows that are the attack. The threshold is the lowest whose held-out false")
			.append(" positive rate (the mean of the five sources' rates) stays within the limit.\n\n```\n")
			.append(tools.jackson.databind.json.JsonMapper.shared().writeValueAsString(summary))
			.append("\n```\n\n");
		md.append("| held-out category | family | texts | recall |\n|---|---|---:|---:|\n");
		chosen.families.forEach((category, family) -> {
			long n = chosen.positives.stream().filter(s -> s.group().equals(category)).count();
			md.append("| ").append(category).append(" | ").append(family).append(" | ").append(n).append(" | ")
				.append(String.format(Locale.ROOT, "%.4f", chosen.recall(chosen.threshold, null, null, category)))
				.append(" |\n");
		});
		md.append("\n| placement | texts | recall |\n|---|---:|---:|\n");
		for (var kind : List.of("bare", "start", "middle", "end", "field")) {
			long n = chosen.positives.stream().filter(s -> s.kind().equals(kind)).count();
			md.append("| ").append(kind).append(" | ").append(n).append(" | ")
				.append(String.format(Locale.ROOT, "%.4f", chosen.recall(chosen.threshold, null, kind))).append(" |\n");
		}
		md.append("\n| held-out benign texts | texts (× rounds) | flagged |\n|---|---:|---:|\n");
		chosen.negatives.stream().map(InjectionDetectorTraining.Scored::group).distinct().forEach(source -> {
			var of = chosen.negatives.stream().filter(s -> s.group().equals(source)).toList();
			md.append("| ").append(source).append(" | ").append(of.size()).append(" | ")
				.append(String.format(Locale.ROOT, "%.4f",
						rate(of.stream().filter(s -> s.score() >= chosen.threshold).count(), of.size())))
				.append(" |\n");
		});
		md.append("\nRecall and false positive rate by threshold (held-out):\n\n| threshold | recall | text categories | FPR |\n|---:|---:|---:|---:|\n");
		for (double t : new double[] { 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, chosen.threshold }) {
			md.append(String.format(Locale.ROOT, "| %.2f | %.4f | %.4f | %.4f |%n", t, chosen.recall(t, null, null),
					chosen.recall(t, "text", null), chosen.fpr(t)));
		}
		md.append("\nTraining material: ").append(counts).append(".\n\n");
		md.append("The lexical cues' word lists (`guardrails/injection-features.yaml`) are generic English, written after")
			.append(" reading the training attacks; `embedding_only` is the same cross-validation with the cues zeroed, the")
			.append(" figure that owes nothing to them. `union_*` adds the rules of `injection-patterns.yaml`, which were")
			.append(" written seeing every category: that figure is optimistic for unseen categories.\n");
		return md.toString();
	}

	double recall(double t, String family, String kind, String category) {
		var selected = positives.stream().filter(scored -> scored.group().equals(category)).toList();
		return rate(selected.stream().filter(scored -> scored.score() >= t).count(), selected.size());
	}
}
