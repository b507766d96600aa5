package com.groundwork.knowledge.internal;

import com.groundwork.knowledge.DocumentRejectedException;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The YAML front matter of a Markdown file: a block between two {@code ---} lines at the very top. It is parsed with
 * SnakeYAML's safe constructor (plain maps, lists and scalars only) and removed from the text.
 */
final class FrontMatter {

	private static final Pattern BLOCK = Pattern
		.compile("\\A\\uFEFF?---[ \\t]*\\R((?:.*?\\R)??)(?:---|\\.\\.\\.)[ \\t]*(?:\\R|\\z)", Pattern.DOTALL);

	private FrontMatter() {
	}

	/** The front matter's top-level fields (scalars as strings) and the Markdown after it. */
	record Split(Map<String, String> fields, String body) {
	}

	static Split split(String source, String markdown) {
		var matcher = BLOCK.matcher(markdown);
		if (!matcher.find()) {
			return new Split(Map.of(), markdown);
		}
		var body = markdown.substring(matcher.end());
		return new Split(parse(source, matcher.group(1)), body);
	}

	private static Map<String, String> parse(String source, String yaml) {
		var options = new LoaderOptions();
		options.setAllowDuplicateKeys(false);
		options.setMaxAliasesForCollections(10);
		options.setCodePointLimit(64 * 1024);
		Object root;
		try {
			root = new Yaml(new SafeConstructor(options)).load(yaml);
		}
		catch (MarkedYAMLException ex) {
			var mark = ex.getProblemMark();
			throw unparsable(source, "its front matter is not valid YAML (" + ex.getProblem()
					+ (mark == null ? "" : " at line " + (mark.getLine() + 2)) + ")", ex);
		}
		catch (YAMLException ex) {
			throw unparsable(source, "its front matter is not valid YAML", ex);
		}
		if (root == null) {
			return Map.of();
		}
		if (!(root instanceof Map<?, ?> map)) {
			throw new DocumentRejectedException(source, DocumentRejectedException.Reason.UNPARSABLE,
					source + ": its front matter must be a set of 'key: value' lines");
		}
		var fields = new LinkedHashMap<String, String>();
		map.forEach((key, value) -> {
			var name = String.valueOf(key).strip().toLowerCase(java.util.Locale.ROOT);
			if (value == null) {
				return;
			}
			if (value instanceof List<?> || value instanceof Map<?, ?>) {
				// Only the fields we read must be scalars; other keys (tags, summary, ...) may be anything.
				fields.put(name, MetadataFields.NOT_A_SCALAR);
				return;
			}
			fields.put(name, value instanceof Date date ? date.toInstant().atOffset(ZoneOffset.UTC).toLocalDate().toString()
					: String.valueOf(value));
		});
		return fields;
	}

	private static DocumentRejectedException unparsable(String source, String why, Throwable cause) {
		return new DocumentRejectedException(source, DocumentRejectedException.Reason.UNPARSABLE, source + ": " + why,
				cause);
	}
}
