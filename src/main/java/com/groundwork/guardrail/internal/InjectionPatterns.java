package com.groundwork.guardrail.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The injection policy ({@code guardrails/injection-patterns.yaml}): lexicons, rules and scores, compiled once. A
 * mistake in the file is reported with the file, line and field ({@link InjectionPatternsInvalidException}).
 *
 * @param threshold sentences scoring at least this are reported
 * @param structural scores of the signals found by structure rather than by words (invisible characters, payloads)
 */
record InjectionPatterns(String source, double threshold, List<Rule> rules, Map<String, Double> structural) {

	/** Structural signals and their default scores; the file may override each. */
	static final Map<String, Double> STRUCTURAL_DEFAULTS = Map.of("invisible-characters", 0.6, "bidi-override", 0.6,
			"tag-characters", 0.8, "mixed-script-word", 0.35, "decoded-payload", 0.4);

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z][a-z0-9-]*)\\}");

	InjectionPatterns {
		rules = List.copyOf(rules);
		structural = Map.copyOf(structural);
	}

	/** One rule: its regular expression (lexicons expanded), matched case-insensitively within one sentence. */
	record Rule(String id, String category, double score, Pattern pattern) {
	}

	double structural(String name) {
		return structural.getOrDefault(name, STRUCTURAL_DEFAULTS.getOrDefault(name, 0.0));
	}

	static InjectionPatterns load(Path file) {
		try {
			return parse(file.toString(), Files.readString(file));
		}
		catch (IOException ex) {
			throw new InjectionPatternsInvalidException(file + ": cannot be read (" + ex.getMessage()
					+ "); set groundwork.guardrail.injection-patterns to the injection pattern file");
		}
	}

	static InjectionPatterns parse(String source, String yaml) {
		Node root;
		try (Reader reader = new StringReader(yaml)) {
			root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(reader);
		}
		catch (MarkedYAMLException ex) {
			throw new InjectionPatternsInvalidException(source + ":" + (ex.getProblemMark().getLine() + 1)
					+ ": not valid YAML: " + ex.getProblem());
		}
		catch (IOException | RuntimeException ex) {
			throw new InjectionPatternsInvalidException(source + ": not valid YAML: " + ex.getMessage());
		}
		if (!(root instanceof MappingNode top)) {
			throw new InjectionPatternsInvalidException(source + ": expected a mapping with threshold, lexicons and rules");
		}
		var fields = fields(source, top);
		double threshold = fields.containsKey("threshold") ? number(source, fields.get("threshold"), "threshold") : 0.5;
		var lexicons = new LinkedHashMap<String, String>();
		if (fields.get("lexicons") instanceof MappingNode lexiconNode) {
			for (NodeTuple tuple : lexiconNode.getValue()) {
				var name = scalar(source, tuple.getKeyNode(), "lexicons");
				if (!(tuple.getValueNode() instanceof SequenceNode words) || words.getValue().isEmpty()) {
					throw invalid(source, tuple.getValueNode(), "lexicons." + name, "must be a non-empty list of words");
				}
				var alternatives = words.getValue()
					.stream()
					.map(word -> scalar(source, word, "lexicons." + name).strip())
					.filter(word -> !word.isEmpty())
					.distinct()
					.sorted(Comparator.comparingInt(String::length).reversed())
					.map(word -> Pattern.quote(word).replace(" ", "\\E\\s+\\Q"))
					.collect(Collectors.joining("|"));
				lexicons.put(name, "(?:" + alternatives + ")");
			}
		}
		var structural = new LinkedHashMap<String, Double>();
		if (fields.get("structural") instanceof MappingNode structuralNode) {
			for (NodeTuple tuple : structuralNode.getValue()) {
				var name = scalar(source, tuple.getKeyNode(), "structural");
				if (!STRUCTURAL_DEFAULTS.containsKey(name)) {
					throw invalid(source, tuple.getKeyNode(), "structural." + name,
							"is unknown; known: " + STRUCTURAL_DEFAULTS.keySet().stream().sorted().toList());
				}
				structural.put(name, score(source, tuple.getValueNode(), "structural." + name));
			}
		}
		if (!(fields.get("rules") instanceof SequenceNode ruleNodes) || ruleNodes.getValue().isEmpty()) {
			throw new InjectionPatternsInvalidException(source + ": rules: must be a non-empty list");
		}
		var rules = new ArrayList<Rule>();
		var ids = new java.util.HashSet<String>();
		for (Node node : ruleNodes.getValue()) {
			if (!(node instanceof MappingNode ruleNode)) {
				throw invalid(source, node, "rules[]", "must be a mapping with id, category, score and pattern");
			}
			var rule = fields(source, ruleNode);
			var id = requiredScalar(source, ruleNode, rule, "id", "rules[]");
			if (!ids.add(id)) {
				throw invalid(source, rule.get("id"), "rules[" + id + "].id", "is used twice");
			}
			var category = requiredScalar(source, ruleNode, rule, "category", "rules[" + id + "]");
			if (!rule.containsKey("score")) {
				throw invalid(source, ruleNode, "rules[" + id + "].score", "is missing");
			}
			double score = score(source, rule.get("score"), "rules[" + id + "].score");
			var raw = requiredScalar(source, ruleNode, rule, "pattern", "rules[" + id + "]");
			rules.add(new Rule(id, category, score, compile(source, rule.get("pattern"), id, raw, lexicons)));
		}
		if (threshold <= 0 || threshold > 1) {
			throw invalid(source, fields.get("threshold"), "threshold", "must be in (0, 1]");
		}
		return new InjectionPatterns(source, threshold, rules, structural);
	}

	private static Pattern compile(String source, Node node, String id, String raw, Map<String, String> lexicons) {
		Matcher matcher = PLACEHOLDER.matcher(raw);
		var expanded = new StringBuilder();
		while (matcher.find()) {
			var lexicon = lexicons.get(matcher.group(1));
			if (lexicon == null) {
				throw invalid(source, node, "rules[" + id + "].pattern",
						"names the lexicon {" + matcher.group(1) + "}, which is not defined; defined: " + lexicons.keySet());
			}
			matcher.appendReplacement(expanded, Matcher.quoteReplacement(lexicon));
		}
		matcher.appendTail(expanded);
		try {
			return Pattern.compile(expanded.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
		}
		catch (PatternSyntaxException ex) {
			throw invalid(source, node, "rules[" + id + "].pattern",
					"is not a valid regular expression: " + ex.getDescription() + " near index " + ex.getIndex());
		}
	}

	private static Map<String, Node> fields(String source, MappingNode node) {
		var fields = new LinkedHashMap<String, Node>();
		for (NodeTuple tuple : node.getValue()) {
			fields.put(scalar(source, tuple.getKeyNode(), "key"), tuple.getValueNode());
		}
		return fields;
	}

	private static String requiredScalar(String source, Node parent, Map<String, Node> fields, String name,
			String path) {
		var node = fields.get(name);
		if (node == null) {
			throw invalid(source, parent, path + "." + name, "is missing");
		}
		var value = scalar(source, node, path + "." + name);
		if (value.isBlank()) {
			throw invalid(source, node, path + "." + name, "must not be blank");
		}
		return value;
	}

	private static String scalar(String source, Node node, String field) {
		if (node instanceof ScalarNode scalar) {
			return scalar.getValue();
		}
		throw invalid(source, node, field, "must be a single value");
	}

	private static double number(String source, Node node, String field) {
		var value = scalar(source, node, field);
		try {
			return Double.parseDouble(value);
		}
		catch (NumberFormatException ex) {
			throw invalid(source, node, field, "must be a number, not '" + value + "'");
		}
	}

	private static double score(String source, Node node, String field) {
		double value = number(source, node, field);
		if (value <= 0 || value > 1) {
			throw invalid(source, node, field, "must be in (0, 1], not " + value);
		}
		return value;
	}

	private static InjectionPatternsInvalidException invalid(String source, Node node, String field, String message) {
		int line = node == null ? 0 : node.getStartMark().getLine() + 1;
		return new InjectionPatternsInvalidException(source + ":" + line + ": " + field + " " + message);
	}

	/** The injection pattern file cannot be used; the message names the file, line and field. */
	static class InjectionPatternsInvalidException extends IllegalStateException {

		InjectionPatternsInvalidException(String message) {
			super(message);
		}
	}
}
