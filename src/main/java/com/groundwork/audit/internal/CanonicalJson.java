package com.groundwork.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * The canonical JSON form that audit hashes are computed over: object members sorted by name (code point order), no
 * whitespace, strings with the minimal JSON escapes, numbers as written. Equal content always gives equal bytes,
 * whichever database or JSON library stored and read it.
 */
public final class CanonicalJson {

	public static final String ZERO_HASH = "0".repeat(64);

	private CanonicalJson() {
	}

	public static String of(JsonNode node) {
		var out = new StringBuilder();
		write(node, out);
		return out.toString();
	}

	private static void write(JsonNode node, StringBuilder out) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			out.append("null");
		}
		else if (node.isObject()) {
			var members = new TreeMap<String, JsonNode>();
			node.properties().forEach(entry -> members.put(entry.getKey(), entry.getValue()));
			out.append('{');
			boolean first = true;
			for (Map.Entry<String, JsonNode> member : members.entrySet()) {
				if (!first) {
					out.append(',');
				}
				first = false;
				string(member.getKey(), out);
				out.append(':');
				write(member.getValue(), out);
			}
			out.append('}');
		}
		else if (node.isArray()) {
			out.append('[');
			for (int i = 0; i < node.size(); i++) {
				if (i > 0) {
					out.append(',');
				}
				write(node.get(i), out);
			}
			out.append(']');
		}
		else if (node.isString()) {
			string(node.asString(), out);
		}
		else if (node.isBoolean()) {
			out.append(node.asBoolean());
		}
		else if (node.isNumber()) {
			out.append(node.isIntegralNumber() ? node.bigIntegerValue().toString()
					: node.decimalValue().stripTrailingZeros().toPlainString());
		}
		else {
			string(node.asString(), out);
		}
	}

	private static void string(String value, StringBuilder out) {
		out.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				case '\b' -> out.append("\\b");
				case '\f' -> out.append("\\f");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		out.append('"');
	}

	public static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
		}
	}
}
