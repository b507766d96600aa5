package com.groundwork.knowledge.internal;

import com.groundwork.knowledge.DocumentRejectedException;
import com.groundwork.knowledge.PassageMetadata;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * Reads a document's metadata fields from wherever its format keeps them (Markdown front matter, HTML {@code <meta>},
 * PDF custom document info, DOCX custom properties) and validates them.
 */
final class MetadataFields {

	/** The fields read; other keys are ignored. */
	static final List<String> NAMES = List.of("title", "type", "product", "industry", "region", "language", "updated",
			"visibility");

	/** Stands for a list or map where a single value is expected. */
	static final String NOT_A_SCALAR = "\u0000not-a-scalar";

	private static final Map<String, Integer> SLUG_LENGTHS = Map.of("type", 40, "product", 100, "industry", 100,
			"region", 40, "language", 10, "visibility", 40);

	private static final int TITLE_LENGTH = 500;

	private static final Pattern DATE = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2})([T ].*)?$");

	private static final Pattern SLUG_SEPARATORS = Pattern.compile("[\\s_]+");

	private MetadataFields() {
	}

	/** The fields as Tika reports them: plain keys (HTML meta, PDF), DOCX {@code custom:}, PDF docinfo. */
	static Map<String, String> fromTika(Metadata metadata) {
		var fields = new HashMap<String, String>();
		for (var name : NAMES) {
			var value = first(metadata, name, "custom:" + name, "pdf:docinfo:custom:" + name, "meta:" + name);
			if (value != null) {
				fields.put(name, value);
			}
		}
		if (!fields.containsKey("title")) {
			var title = first(metadata, TikaCoreProperties.TITLE.getName());
			if (title != null) {
				fields.put("title", title);
			}
		}
		if (!fields.containsKey("language")) {
			var language = first(metadata, TikaCoreProperties.LANGUAGE.getName(), "Content-Language");
			if (language != null) {
				fields.put("language", language);
			}
		}
		return fields;
	}

	/**
	 * Validated metadata. A missing title falls back to the first heading, then to the file name.
	 * @throws DocumentRejectedException naming the field, when a value is not acceptable
	 */
	static DocumentMetadata resolve(String source, Map<String, String> fields, List<Block> blocks) {
		for (var name : NAMES) {
			if (NOT_A_SCALAR.equals(fields.get(name))) {
				throw invalid(source, name, "must be a single value, not a list or a map");
			}
		}
		var type = slug(source, "type", fields);
		if (!type.isEmpty() && !PassageMetadata.TYPES.contains(type)) {
			throw invalid(source, "type", "'" + fields.get("type").strip() + "' is not one of "
					+ String.join(", ", PassageMetadata.TYPES));
		}
		return new DocumentMetadata(title(source, fields, blocks), type, slug(source, "product", fields),
				slug(source, "industry", fields), slug(source, "region", fields), slug(source, "language", fields),
				date(source, fields.get("updated")), slug(source, "visibility", fields));
	}

	private static String title(String source, Map<String, String> fields, List<Block> blocks) {
		var title = Whitespace.collapse(fields.getOrDefault("title", ""));
		if (title.isEmpty()) {
			title = blocks.stream()
				.filter(block -> block.kind() == Block.Kind.HEADING)
				.map(Block::text)
				.findFirst()
				.orElseGet(() -> fileName(source));
		}
		return title.length() <= TITLE_LENGTH ? title : title.substring(0, TITLE_LENGTH - 1) + "…";
	}

	/** The file name without folders and extension. */
	static String fileName(String source) {
		var name = source.substring(source.lastIndexOf('/') + 1);
		int dot = name.lastIndexOf('.');
		return dot > 0 ? name.substring(0, dot) : name;
	}

	/** Lower case, words joined by hyphens: {@code "Case Study"} and {@code case_study} are {@code case-study}. */
	static String slug(String value) {
		return SLUG_SEPARATORS.matcher(value.strip().toLowerCase(Locale.ROOT)).replaceAll("-");
	}

	private static String slug(String source, String name, Map<String, String> fields) {
		var value = slug(fields.getOrDefault(name, ""));
		int limit = SLUG_LENGTHS.get(name);
		if (value.length() > limit) {
			throw invalid(source, name, "must be at most " + limit + " characters");
		}
		return value;
	}

	private static @Nullable LocalDate date(String source, @Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		var matcher = DATE.matcher(value.strip());
		try {
			if (matcher.matches()) {
				return LocalDate.parse(matcher.group(1));
			}
		}
		catch (DateTimeParseException ex) {
			// falls through to the rejection below
		}
		throw invalid(source, "updated", "'" + value.strip() + "' is not a date; write it as YYYY-MM-DD");
	}

	private static @Nullable String first(Metadata metadata, String... keys) {
		for (var key : keys) {
			var value = metadata.get(key);
			if (value != null && !value.isBlank()) {
				return value;
			}
		}
		return null;
	}

	private static DocumentRejectedException invalid(String source, String field, String problem) {
		return new MetadataInvalidException(source, field, problem);
	}

	/** A metadata field holds a value that is not allowed; names the field so the author can fix it. */
	static final class MetadataInvalidException extends DocumentRejectedException {

		private final String field;

		private final String problem;

		MetadataInvalidException(String source, String field, String problem) {
			super(source, Reason.INVALID_METADATA, source + ": metadata field '" + field + "': " + problem);
			this.field = field;
			this.problem = problem;
		}

		String field() {
			return field;
		}

		/** What is wrong with the value, without the file and field names. */
		String problem() {
			return problem;
		}
	}
}
