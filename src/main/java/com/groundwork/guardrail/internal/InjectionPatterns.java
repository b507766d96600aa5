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
import java.util.Set;
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
record InjectionPatterns(String source, double threshold, List<Rule> rules, Map<String, Double> structural,
		Map<String, Set<String>> lexiconWords) {

	/** Structural signals and their default scores; the file may override each. */
	static final Map<String, Double> STRUCTURAL_DEFAULTS = Map.of("invisible-characters", 0.6, "bidi-override", 0.6,
			"tag-characters", 0.8, "mixed-script-word", 0.35, "decoded-payload", 0.4, "off-topic", 0.35);

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z][a-z0-9-]*)\\}");

	InjectionPatterns {
		rules = List.copyOf(rules);
		structural = Map.copyOf(structural);
		lexiconWords = Map.copyOf(lexiconWords);
	}

	/** Every word of a lexicon (entries split into words, lower case); empty when there is no such lexicon. */
	Set<String> lexicon(String name) {
		return lexiconWords.getOrDefault(name, Set.of());
	}

	/**
	 * One rule: its regular expression (lexicons expanded), matched case-insensitively within one sentence, and the
	 * word groups a sentence must hold (one word of each) for the pattern to be worth running.
	 */
	record Rule(String id, String category, double score, Pattern pattern, List<Set<String>> requires,
			boolean offTopic) {

		Rule {
			requires = requires.stream().map(Set::copyOf).toList();
		}

		/** @param words the sentence's words, lower case (see {@link #words(String)}) */
		boolean mayMatch(Set<String> words) {
			for (var group : requires) {
				boolean any = false;
				for (var word : group) {
					if (words.contains(word)) {
						any = true;
						break;
					}
				}
				if (!any) {
					return false;
				}
			}
			return true;
		}
	}

	/** The words of a text as {@code requires} sees them: runs of letters and digits, lower case. */
	static Set<String> words(String text) {
		var words = new java.util.HashSet<String>();
		int start = -1;
		for (int i = 0; i <= text.length(); i++) {
			boolean wordChar = i < text.length() && Character.isLetterOrDigit(text.charAt(i));
			if (wordChar && start < 0) {
				start = i;
			}
			else if (!wordChar && start >= 0) {
				words.add(text.substring(start, i).toLowerCase(java.util.Locale.ROOT));
				start = -1;
			}
		}
		return words;
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
		var lexiconWords = new LinkedHashMap<String, Set<String>>();
		if (fields.get("lexicons") instanceof MappingNode lexiconNode) {
			for (NodeTuple tuple : lexiconNode.getValue()) {
				var name = scalar(source, tuple.getKeyNode(), "lexicons");
				if (!(tuple.getValueNode() instanceof SequenceNode words) || words.getValue().isEmpty()) {
					throw invalid(source, tuple.getValueNode(), "lexicons." + name, "must be a non-empty list of words");
				}
				var entries = words.getValue()
					.stream()
					.map(word -> scalar(source, word, "lexicons." + name).strip().toLowerCase(java.util.Locale.ROOT))
					.filter(word -> !word.isEmpty())
					.toList();
				var alternatives = trie(entries);
				lexicons.put(name, "(?:" + alternatives + ")");
				var all = new java.util.HashSet<String>();
				words.getValue().forEach(word -> all.addAll(words(scalar(source, word, "lexicons." + name))));
				lexiconWords.put(name, all);
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
			boolean offTopic = rule.containsKey("off-topic")
					&& Boolean.parseBoolean(scalar(source, rule.get("off-topic"), "rules[" + id + "].off-topic"));
			rules.add(new Rule(id, category, score, compile(source, rule.get("pattern"), id, raw, lexicons),
					requires(source, rule.get("requires"), id, lexiconWords), offTopic));
		}
		if (threshold <= 0 || threshold > 1) {
			throw invalid(source, fields.get("threshold"), "threshold", "must be in (0, 1]");
		}
		return new InjectionPatterns(source, threshold, rules, structural, lexiconWords);
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

	/**
	 * The words as one regular expression with shared prefixes factored out ({@code add|adding|append} becomes
	 * {@code a(?:dd(?:ing)?|ppend)}): the engine then tries one branch per letter instead of every word at every
	 * position, which is most of the scanning time. Spaces in an entry match any run of white space.
	 */
	static String trie(List<String> words) {
		var root = new TrieNode();
		for (var word : words) {
			var node = root;
			for (int i = 0; i < word.length(); i++) {
				node = node.children.computeIfAbsent(word.charAt(i), key -> new TrieNode());
			}
			node.terminal = true;
		}
		return root.regex();
	}

	private static final class TrieNode {

		final java.util.TreeMap<Character, TrieNode> children = new java.util.TreeMap<>();

		boolean terminal;

		String regex() {
			var alternatives = new ArrayList<String>();
			children.forEach((c, child) -> alternatives.add(literal(c) + child.regex()));
			if (alternatives.isEmpty()) {
				return "";
			}
			var body = alternatives.size() == 1 ? alternatives.getFirst() : "(?:" + String.join("|", alternatives) + ")";
			return terminal ? "(?:" + body + ")?" : body;
		}

		private static String literal(char c) {
			if (Character.isWhitespace(c)) {
				return "\\s+";
			}
			return Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\" + c;
		}
	}

	private static List<Set<String>> requires(String source, Node node, String id,
			Map<String, Set<String>> lexiconWords) {
		if (node == null) {
			return List.of();
		}
		var field = "rules[" + id + "].requires";
		if (!(node instanceof SequenceNode groups)) {
			throw invalid(source, node, field, "must be a list of word lists, e.g. [[your], [answer, reply]]");
		}
		var requires = new ArrayList<Set<String>>();
		for (Node groupNode : groups.getValue()) {
			if (!(groupNode instanceof SequenceNode group) || group.getValue().isEmpty()) {
				throw invalid(source, groupNode, field, "must be a list of non-empty word lists, e.g. [[your], [answer, reply]]");
			}
			var words = new java.util.HashSet<String>();
			for (Node wordNode : group.getValue()) {
				var word = scalar(source, wordNode, field).strip();
				Matcher lexicon = PLACEHOLDER.matcher(word);
				if (lexicon.matches()) {
					var expanded = lexiconWords.get(lexicon.group(1));
					if (expanded == null) {
						throw invalid(source, wordNode, field, "names the lexicon " + word + ", which is not defined; defined: "
								+ lexiconWords.keySet());
					}
					words.addAll(expanded);
				}
				else {
					words.addAll(words(word));
				}
			}
			requires.add(words);
		}
		return requires;
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
