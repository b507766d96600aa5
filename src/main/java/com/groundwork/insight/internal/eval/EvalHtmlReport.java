package com.groundwork.insight.internal.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.web.util.HtmlUtils;

/**
 * {@code index.html} of {@code eval/run all}: one self-contained page (no script, no network), tables and inline SVG
 * bar charts of the gated figures against the baseline, the benchmarks' latencies and each step's time.
 */
final class EvalHtmlReport {

	private EvalHtmlReport() {
	}

	record Bar(String label, double value, String colour) {
	}

	static String render(Summary summary) {
		var html = new StringBuilder();
		html.append("""
				<!DOCTYPE html>
				<html lang="en"><head><meta charset="utf-8"><title>Groundwork evaluation</title>
				<style>
				body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1100px;color:#1d2433;padding:0 16px}
				h1{margin-bottom:4px} h2{margin-top:32px;font-size:15px;text-transform:uppercase;letter-spacing:.05em;color:#667085}
				table{border-collapse:collapse;width:100%} th,td{text-align:left;padding:5px 8px;border-bottom:1px solid #e4e7ec;vertical-align:top}
				th{color:#667085} .passed,.ok,.improved{color:#027a48} .failed,.regressed{color:#b42318;font-weight:600}
				.skipped,.not{color:#b54708} code{font-size:12px;word-break:break-all} .status{font-size:20px;font-weight:700}
				svg text{font:12px system-ui,sans-serif}
				</style></head><body>
				""");
		html.append("<h1>Groundwork evaluation</h1>\n<p class=\"status ").append(summary.status()).append("\">")
			.append(summary.status().toUpperCase(Locale.ROOT)).append("</p>\n<p>Mode <strong>").append(summary.mode())
			.append(summary.qualityOnly() ? "</strong> (quality only)" : "</strong>").append(", finished ")
			.append(summary.finishedAt()).append(" after ").append(Math.round(summary.seconds())).append(" s.</p>\n");

		html.append("<h2>Quality against the baseline</h2>\n");
		var quality = new ArrayList<Bar>();
		for (var check : summary.checks()) {
			quality.add(new Bar(check.figure() + " (baseline)", check.baseline(), "#98a2b3"));
			quality.add(new Bar(check.figure(), check.measured() == null ? 0 : check.measured(),
					check.verdict().equals("regressed") ? "#b42318" : "#3b5bdb"));
		}
		html.append(bars(quality, 1.0, ""));
		html.append("<table><tr><th>figure</th><th>baseline</th><th>measured</th><th>tolerance</th><th>better</th><th>verdict</th></tr>\n");
		for (var check : summary.checks()) {
			html.append("<tr><td>").append(escape(check.figure())).append("</td><td>").append(number(check.baseline()))
				.append("</td><td>").append(check.measured() == null ? "—" : number(check.measured())).append("</td><td>")
				.append(number(check.tolerance())).append("</td><td>").append(check.better()).append("</td><td class=\"")
				.append(check.verdict().split(" ")[0]).append("\">").append(check.verdict()).append("</td></tr>\n");
		}
		html.append("</table>\n");

		var latencies = new ArrayList<Bar>();
		for (var step : summary.steps()) {
			for (var key : List.of("p50_ms", "p99_ms")) {
				var value = summary.figures().get(step.name() + "." + key);
				if (value != null && step.name().startsWith("bench")) {
					latencies.add(new Bar(step.name() + " " + key.replace("_ms", ""), value,
							key.startsWith("p50") ? "#3b5bdb" : "#b54708"));
				}
			}
		}
		if (!latencies.isEmpty()) {
			html.append("<h2>Benchmarks (ms; reported, not gated)</h2>\n")
				.append(bars(latencies, latencies.stream().mapToDouble(Bar::value).max().orElse(1), " ms"));
		}

		html.append("<h2>Steps</h2>\n");
		var times = new ArrayList<Bar>();
		summary.steps().forEach(step -> times.add(new Bar(step.name(), step.seconds(),
				step.status().equals("failed") ? "#b42318" : "#667085")));
		html.append(bars(times, Math.max(1, times.stream().mapToDouble(Bar::value).max().orElse(1)), " s"));
		html.append("<table><tr><th>step</th><th>status</th><th>seconds</th><th>result</th><th>command or reason</th></tr>\n");
		for (var step : summary.steps()) {
			html.append("<tr><td>").append(step.name()).append(step.quality() ? "" : " <small>(benchmark)</small>")
				.append("</td><td class=\"").append(step.status()).append("\">").append(step.status()).append("</td><td>")
				.append(Math.round(step.seconds())).append("</td><td><code>").append(escape(compact(step.result())))
				.append("</code></td><td><code>")
				.append(escape(step.status().equals("passed") ? "eval/run " + step.command() : step.note()))
				.append("</code></td></tr>\n");
		}
		html.append("</table>\n<h2>All figures</h2>\n<table><tr><th>figure</th><th>value</th></tr>\n");
		summary.figures().forEach((name, value) -> html.append("<tr><td>").append(escape(name)).append("</td><td>")
			.append(number(value)).append("</td></tr>\n"));
		html.append("</table>\n<p>Subcommand reports (Markdown) sit beside this page; <code>summary.json</code> holds the same figures.</p>\n</body></html>\n");
		return html.toString();
	}

	/** A horizontal bar chart as inline SVG. */
	static String bars(List<Bar> bars, double max, String unit) {
		int rowHeight = 20;
		int labelWidth = 320;
		int width = 1000;
		int plot = width - labelWidth - 90;
		var svg = new StringBuilder();
		svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100%\" viewBox=\"0 0 ").append(width).append(' ')
			.append(bars.size() * rowHeight + 10).append("\" role=\"img\">\n");
		for (int i = 0; i < bars.size(); i++) {
			var bar = bars.get(i);
			int y = i * rowHeight + 4;
			double length = max <= 0 ? 0 : Math.max(0, Math.min(1, bar.value() / max)) * plot;
			svg.append("<text x=\"").append(labelWidth - 8).append("\" y=\"").append(y + 13)
				.append("\" text-anchor=\"end\">").append(escape(bar.label())).append("</text>")
				.append("<rect x=\"").append(labelWidth).append("\" y=\"").append(y).append("\" width=\"")
				.append(String.format(Locale.ROOT, "%.1f", length)).append("\" height=\"").append(rowHeight - 6)
				.append("\" fill=\"").append(bar.colour()).append("\"/>")
				.append("<text x=\"").append(String.format(Locale.ROOT, "%.1f", labelWidth + length + 6)).append("\" y=\"")
				.append(y + 13).append("\">").append(number(bar.value())).append(unit).append("</text>\n");
		}
		return svg.append("</svg>\n").toString();
	}

	private static String compact(Map<String, Object> result) {
		if (result.isEmpty()) {
			return "";
		}
		var text = tools.jackson.databind.json.JsonMapper.shared().writeValueAsString(result);
		return text.length() > 400 ? text.substring(0, 400) + "…" : text;
	}

	private static String number(double value) {
		return value == Math.rint(value) && Math.abs(value) < 1e9 ? String.valueOf((long) value)
				: String.format(Locale.ROOT, "%.4f", value);
	}

	private static String escape(String text) {
		return HtmlUtils.htmlEscape(text);
	}
}
