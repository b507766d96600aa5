package com.groundwork.guardrail.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The text as a scanner should see it, whatever tricks hide its words: format characters (zero-width, bidi controls,
 * Unicode tags) removed, NFKC (fullwidth, ligatures, mathematical letters), stray combining marks dropped, look-alike
 * letters folded to Latin, HTML entities decoded in place; hidden payloads (Unicode tag text, base64 runs that decode to
 * readable text) are appended on lines of their own, so both the cover and the payload are scanned.
 * <p>
 * Idempotent: the core steps are repeated to a fixed point, and a payload is appended only when the text does not
 * already contain it, so normalizing again appends nothing.
 */
@Component
class UnicodeTextNormalizer implements TextNormalizer {

	/** Longest text scanned; longer input is cut (a draft's inputs are far below it). */
	static final int MAX_LENGTH = 200_000;

	private static final Pattern ENTITY = Pattern.compile("&(?:#(\\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z]{2,8}));");

	private static final Map<String, String> NAMED_ENTITIES = Map.ofEntries(Map.entry("amp", "&"),
			Map.entry("lt", "<"), Map.entry("gt", ">"), Map.entry("quot", "\""), Map.entry("apos", "'"),
			Map.entry("nbsp", " "), Map.entry("shy", ""), Map.entry("zwj", ""), Map.entry("zwnj", ""),
			Map.entry("lrm", ""), Map.entry("rlm", ""), Map.entry("ndash", "-"), Map.entry("mdash", "-"),
			Map.entry("lsquo", "'"), Map.entry("rsquo", "'"), Map.entry("ldquo", "\""), Map.entry("rdquo", "\""),
			Map.entry("hellip", "..."), Map.entry("colon", ":"), Map.entry("sol", "/"), Map.entry("period", "."),
			Map.entry("comma", ","), Map.entry("lpar", "("), Map.entry("rpar", ")"), Map.entry("commat", "@"),
			Map.entry("num", "#"), Map.entry("excl", "!"), Map.entry("quest", "?"), Map.entry("equals", "="),
			Map.entry("plus", "+"), Map.entry("lowbar", "_"), Map.entry("Tab", " "), Map.entry("NewLine", "\n"));

	/**
	 * Letters that look like Latin ones (Cyrillic, Greek, Armenian, Cherokee-free subset, Latin small capitals and
	 * dotless forms), pairs of look-alike and Latin letter. NFKC already maps fullwidth and mathematical letters.
	 */
	private static final String CONFUSABLES = "" //
			// Cyrillic lower case
			+ "аa" + "вb" + "еe" + "ёe" + "кk" + "мm" + "нh" + "оo" + "пn" + "рp" + "сc" + "тt" + "уy" + "хx" + "ьb"
			+ "іi" + "їi" + "јj" + "ѕs" + "ԁd" + "ԛq" + "ԝw" + "ӏl" + "һh" + "ցg" + "ѵv" + "ү" + "y" + "ҳx" + "ɡg"
			// Cyrillic upper case
			+ "АA" + "ВB" + "ЕE" + "ЁE" + "КK" + "МM" + "НH" + "ОO" + "РP" + "СC" + "ТT" + "УY" + "ХX" + "ІI" + "ЇI"
			+ "ЈJ" + "ЅS" + "ԚQ" + "ԜW" + "ӀI" + "ҺH" + "Ү" + "Y"
			// Greek
			+ "αa" + "βb" + "γy" + "εe" + "ηn" + "ιi" + "κk" + "νv" + "οo" + "ρp" + "τt" + "υu" + "χx" + "ωw" + "ςs"
			+ "ΑA" + "ΒB" + "ΕE" + "ΖZ" + "ΗH" + "ΙI" + "ΚK" + "ΜM" + "ΝN" + "ΟO" + "ΡP" + "ΤT" + "ΥY" + "ΧX"
			// Armenian and Latin look-alikes
			+ "օo" + "սu" + "հh" + "ոn" + "ѡw" + "ıi" + "ȷj" + "ɑa" + "ɩi" + "ʟL" + "ɪI" + "ᴀA" + "ʙB" + "ᴄC" + "ᴅD"
			+ "ᴇE" + "ɢG" + "ʜH" + "ᴊJ" + "ᴋK" + "ᴍM" + "ɴN" + "ᴏO" + "ᴘP" + "ʀR" + "ꜱS" + "ᴛT" + "ᴜU" + "ᴠV" + "ᴡW"
			+ "ʏY" + "ᴢZ" + "ℓl" + "∕/" + "⁄/";

	private static final Map<Character, Character> FOLD = folds();

	@Override
	public String normalize(String text) {
		return parts(text).joined();
	}

	@Override
	public Normalized parts(String text) {
		try {
			return normalizeOrThrow(text);
		}
		catch (RuntimeException | StackOverflowError ex) {
			// Never throws: the worst case is scanning the core form without decoded payloads.
			try {
				return new Normalized(core(text == null ? "" : cut(text)), List.of());
			}
			catch (RuntimeException | StackOverflowError again) {
				return new Normalized("", List.of());
			}
		}
	}

	private Normalized normalizeOrThrow(String text) {
		if (text == null || text.isEmpty()) {
			return new Normalized("", List.of());
		}
		var input = cut(text);
		var payloads = new ArrayList<String>();
		var tagText = tagPayload(input);
		var cover = core(input);
		var result = new StringBuilder(cover);
		var appended = new ArrayList<String>();
		if (!tagText.isBlank()) {
			payloads.add(tagText);
		}
		// Decode payloads breadth-first until nothing new turns up (each decoding is shorter than its source).
		int scanFrom = 0;
		for (int round = 0; round < 8; round++) {
			var found = new ArrayList<>(payloads);
			payloads.clear();
			collectBase64(result, scanFrom, found);
			scanFrom = result.length();
			boolean added = false;
			for (var payload : found) {
				var clean = core(payload).strip();
				if (clean.length() >= 4 && result.indexOf(clean) < 0 && result.length() + clean.length() < MAX_LENGTH) {
					result.append('\n').append(clean);
					appended.add(clean);
					added = true;
				}
			}
			if (!added) {
				break;
			}
		}
		return new Normalized(cover, appended);
	}

	private static String cut(String text) {
		if (text.length() <= MAX_LENGTH) {
			return text;
		}
		int end = MAX_LENGTH;
		if (Character.isHighSurrogate(text.charAt(end - 1))) {
			end--;
		}
		return text.substring(0, end);
	}

	/**
	 * The core form: repeated until stable, since one step can expose work for another (an entity decoding to a
	 * zero-width character, a folded letter composing with a following mark).
	 */
	static String core(String text) {
		if (plainAscii(text)) {
			// Nothing to strip, compose or fold: only entities can change printable ASCII (into anything).
			var decoded = decodeEntities(text);
			if (decoded == text || plainAscii(decoded)) {
				return decoded;
			}
		}
		if (stable(text)) {
			var decoded = decodeEntities(text);
			if (decoded == text) {
				return text;
			}
		}
		var current = text;
		for (int i = 0; i < 6; i++) {
			var next = fold(stripMarks(Normalizer.normalize(stripInvisible(decodeEntities(current)), Normalizer.Form.NFKC)));
			if (next.equals(current)) {
				return next;
			}
			current = next;
		}
		return current;
	}

	/** Already NFKC, with nothing to strip or fold: most text with a few typographic characters ("—", "€"). */
	private static boolean stable(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c >= 0x80 && (FOLD.containsKey(c) || Character.isSurrogate(c) || isInvisible(c)
					|| Character.getType(c) == Character.NON_SPACING_MARK
					|| Character.getType(c) == Character.ENCLOSING_MARK)) {
				return false;
			}
			if (c < 0x20 && c != '\n' && c != '\t' && c != '\r' || c == 0x7F) {
				return false; // controls, DEL among them, are stripped
			}
		}
		return Normalizer.isNormalized(text, Normalizer.Form.NFKC);
	}

	/** Printable ASCII and line breaks only: the common case, which NFKC and folding leave as it is. */
	private static boolean plainAscii(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c >= 0x7F || (c < 0x20 && c != '\n' && c != '\t' && c != '\r')) {
				return false;
			}
		}
		return true;
	}

	/** Drops format characters (Cf: zero-width, bidi controls, tags, soft hyphen), variation selectors, fillers. */
	private static String stripInvisible(String text) {
		return strip(text, false);
	}

	/** Drops combining marks NFKC left uncomposed on Latin letters or on nothing. */
	private static String stripMarks(String text) {
		return strip(text, true);
	}

	private static String strip(String text, boolean marks) {
		StringBuilder out = null;
		for (int i = 0; i < text.length();) {
			int cp = text.codePointAt(i);
			int width = Character.charCount(cp);
			boolean drop = marks ? isStrayMark(text, i, cp) : isInvisible(cp);
			if (drop && out == null) {
				out = new StringBuilder(text.length()).append(text, 0, i);
			}
			else if (!drop && out != null) {
				out.appendCodePoint(cp);
			}
			i += width;
		}
		return out == null ? text : out.toString();
	}

	static boolean isInvisible(int cp) {
		int type = Character.getType(cp);
		return type == Character.FORMAT || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF)
				|| cp == 0x034F || cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0 || cp == 0x2800
				|| (type == Character.CONTROL && cp != '\n' && cp != '\t' && cp != '\r');
	}

	/**
	 * A combining mark that NFKC could not compose with the letter before it, on a Latin letter or with no letter at
	 * all (the "zalgo" trick that breaks keyword matching). Marks on other scripts' letters are real spelling.
	 */
	private static boolean isStrayMark(String text, int index, int cp) {
		int type = Character.getType(cp);
		if (type != Character.NON_SPACING_MARK && type != Character.ENCLOSING_MARK) {
			return false;
		}
		int before = index - 1;
		while (before >= 0) {
			char c = text.charAt(before);
			int t = Character.getType(c);
			if (t != Character.NON_SPACING_MARK && t != Character.ENCLOSING_MARK) {
				break;
			}
			before--;
		}
		if (before < 0) {
			return true;
		}
		char base = text.charAt(before);
		return base < 0x250 || !Character.isLetter(base);
	}

	private static String decodeEntities(String text) {
		if (text.indexOf('&') < 0) {
			return text;
		}
		var current = text;
		// Each pass shortens the text, so nested encodings (&amp;lt;) come undone in a few passes.
		for (int pass = 0; pass < 16; pass++) {
			Matcher matcher = ENTITY.matcher(current);
			var out = new StringBuilder(current.length());
			boolean changed = false;
			while (matcher.find()) {
				var replacement = entity(matcher);
				if (replacement == null) {
					continue;
				}
				matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
				changed = true;
			}
			if (!changed) {
				return current;
			}
			matcher.appendTail(out);
			current = out.toString();
		}
		return current;
	}

	private static String entity(Matcher matcher) {
		try {
			if (matcher.group(1) != null || matcher.group(2) != null) {
				int cp = matcher.group(1) != null ? Integer.parseInt(matcher.group(1))
						: Integer.parseInt(matcher.group(2), 16);
				if (cp <= 0 || cp > Character.MAX_CODE_POINT || (cp >= 0xD800 && cp <= 0xDFFF)) {
					return null;
				}
				return new String(Character.toChars(cp));
			}
			return NAMED_ENTITIES.get(matcher.group(3));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static String fold(String text) {
		StringBuilder out = null;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			Character folded = c < 0x80 ? null : FOLD.get(c);
			if (folded != null && out == null) {
				out = new StringBuilder(text).delete(i, text.length());
			}
			if (out != null) {
				out.append(folded == null ? c : folded);
			}
		}
		return out == null ? text : out.toString();
	}

	private static Map<Character, Character> folds() {
		var map = new java.util.HashMap<Character, Character>();
		var pairs = CONFUSABLES.replace(" ", "");
		for (int i = 0; i + 1 < pairs.length(); i += 2) {
			map.put(pairs.charAt(i), pairs.charAt(i + 1));
		}
		return Map.copyOf(map);
	}

	/** ASCII smuggled as Unicode tag characters (U+E0020–U+E007E): invisible, but read by models. */
	private static String tagPayload(String text) {
		StringBuilder out = null;
		for (int i = 0; i < text.length();) {
			int cp = text.codePointAt(i);
			if (cp >= 0xE0020 && cp <= 0xE007E) {
				if (out == null) {
					out = new StringBuilder();
				}
				out.append((char) (cp - 0xE0000));
			}
			else if (out != null && out.length() > 0 && out.charAt(out.length() - 1) != ' ' && cp > 0x20) {
				out.append(' ');
			}
			i += Character.charCount(cp);
		}
		return out == null ? "" : out.toString();
	}

	/** Runs of at least 16 base64 characters (standard or URL-safe) with optional padding, found in one pass. */
	private static void collectBase64(CharSequence text, int from, List<String> into) {
		int start = -1;
		for (int i = from; i <= text.length(); i++) {
			boolean inRun = i < text.length() && base64Char(text.charAt(i));
			if (inRun && start < 0) {
				start = (i > 0 && text.charAt(i - 1) == '=') ? -2 : i; // "=" right before: the tail of something else
			}
			else if (!inRun && start != -1) {
				if (start >= 0 && i - start >= 16) {
					int end = i;
					while (end < text.length() && end - i < 2 && text.charAt(end) == '=') {
						end++;
					}
					if (end >= text.length() || !base64Char(text.charAt(end)) && text.charAt(end) != '=') {
						var decoded = decodeBase64(text.subSequence(start, end).toString());
						if (decoded != null) {
							into.add(decoded);
						}
					}
				}
				start = -1;
			}
		}
	}

	private static boolean base64Char(char c) {
		return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/'
				|| c == '_' || c == '-';
	}

	/** Readable text a base64 run decodes to, or null when it is binary, not base64 or just a long word. */
	static String decodeBase64(String run) {
		var body = run.replace("=", "");
		if (body.length() < 16 || body.length() % 4 == 1) {
			return null;
		}
		// A plain word or identifier has no digits, no '+' or '/' and no case changes inside: not an encoding.
		boolean mixed = false;
		for (int i = 1; i < body.length() && !mixed; i++) {
			char c = body.charAt(i);
			mixed = Character.isDigit(c) || c == '+' || c == '/'
					|| (Character.isUpperCase(c) && Character.isLowerCase(body.charAt(i - 1)));
		}
		if (!mixed) {
			return null;
		}
		byte[] bytes;
		try {
			bytes = (body.indexOf('-') >= 0 || body.indexOf('_') >= 0 ? Base64.getUrlDecoder() : Base64.getDecoder())
				.decode(pad(body));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		String decoded;
		try {
			decoded = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
		// Judge the text as it will be scanned: entities and invisible characters inside a payload are tricks of
		// their own, not noise.
		decoded = core(decoded);
		int letters = 0;
		int printable = 0;
		int spaces = 0;
		int visible = 0;
		for (int i = 0; i < decoded.length(); i += Character.charCount(decoded.codePointAt(i))) {
			int c = decoded.codePointAt(i);
			if (isInvisible(c) && c != '\n' && c != '\t' && c != '\r') {
				continue;
			}
			visible++;
			if (Character.isLetter(c)) {
				letters++;
			}
			if (c == ' ') {
				spaces++;
			}
			if (!Character.isISOControl(c) || c == '\n' || c == '\t' || c == '\r') {
				printable++;
			}
		}
		boolean readable = visible >= 4 && printable >= visible * 0.95 && letters >= visible * 0.5
				&& (spaces > 0 || visible <= 24);
		return readable ? decoded : null;
	}

	private static String pad(String body) {
		int remainder = body.length() % 4;
		return remainder == 0 ? body : body + "==".substring(0, 4 - remainder);
	}
}
