/*
 * Generates the PDF and DOCX documents of the sample knowledge corpus from their Markdown sources, and verifies
 * the whole corpus.
 *
 * Sources: src/corpus/<folder>/<name>.<pdf|docx>.md (YAML front matter + a small Markdown subset: #/##/### headings,
 * paragraphs, "-" and "1." lists, "|" tables, ">" quotes, **bold**). Output: knowledge/<folder>/<name>.<pdf|docx>.
 *
 * Modes (several may be given, they run in this order):
 *   generate  write knowledge/**.pdf|docx from src/corpus (the default when no mode is given)
 *   check     regenerate in memory and fail when a committed PDF/DOCX differs from what its source produces
 *   verify    parse every document under knowledge/ with Apache Tika, print its metadata, and fail when a metadata
 *             key is missing or has a value outside the allowed set, when a document is shorter than 300 or longer
 *             than 1500 words, or when a fact listed in src/test/resources/corpus/facts.yaml is not in its text
 *
 * Run it through scripts/generate-knowledge-documents.sh, which puts PDFBox, POI, Tika and SnakeYAML (all project
 * dependencies) on the class path. Needs Java 21 or newer (single-file source launch).
 *
 * Output is reproducible: fixed dates (the document's "updated" date) in the PDF information dictionary and the DOCX
 * core properties, a PDF file identifier derived from the source text, and DOCX zip entries with a fixed timestamp.
 */

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Date;
import java.util.GregorianCalendar;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.font.encoding.GlyphList;
import org.apache.pdfbox.pdmodel.font.encoding.WinAnsiEncoding;
import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.sax.BodyContentHandler;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.NumberingDocument;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.StylesDocument;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

public class KnowledgeDocuments {

	/** The metadata keys every document carries, in this order. */
	static final List<String> KEYS = List.of("title", "type", "product", "industry", "region", "language", "updated",
			"visibility");

	static final Map<String, Set<String>> ALLOWED = Map.of(
			"type", Set.of("product-doc", "case-study", "faq", "pricing", "integration"),
			"product", Set.of("platform", "orderflow", "dockpilot", "routewise", "stocksense"),
			"industry", Set.of("all", "logistics", "manufacturing", "retail", "healthcare", "financial-services", "saas"),
			"region", Set.of("na", "emea", "apac", "latam", "global"),
			"language", Set.of("en", "de"),
			"visibility", Set.of("public", "internal"));

	static final Pattern UPDATED = Pattern.compile("2026-\\d{2}-\\d{2}");

	static final int MIN_WORDS = 300;

	static final int MAX_WORDS = 1500;

	static final String AUTHOR = "Acme Corp";

	public static void main(String[] args) throws Exception {
		quietLogging();
		Path root = Path.of("").toAbsolutePath();
		List<String> modes = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--root" -> root = Path.of(args[++i]).toAbsolutePath();
				case "generate", "check", "verify" -> modes.add(args[i]);
				case "--verify" -> modes.add("verify");
				case "--check" -> modes.add("check");
				default -> {
					System.err.println("usage: KnowledgeDocuments [generate] [check] [verify] [--root DIR]");
					System.exit(2);
				}
			}
		}
		if (modes.isEmpty()) {
			modes.add("generate");
		}
		boolean ok = true;
		for (String mode : List.of("generate", "check", "verify")) {
			if (modes.contains(mode)) {
				ok &= switch (mode) {
					case "generate" -> generate(root, true);
					case "check" -> generate(root, false);
					default -> new Verifier(root).run();
				};
			}
		}
		System.exit(ok ? 0 : 1);
	}

	// ------------------------------------------------------------------------------------------------ generation

	/** Renders every source; writes the outputs (write) or compares them with the files on disk (check). */
	static boolean generate(Path root, boolean write) throws Exception {
		Path sources = root.resolve("src/corpus");
		Path knowledge = root.resolve("knowledge");
		boolean ok = true;
		List<Path> files;
		try (Stream<Path> walk = Files.walk(sources)) {
			files = walk.filter(p -> p.getFileName().toString().matches(".+\\.(pdf|docx)\\.md")).sorted().toList();
		}
		for (Path source : files) {
			String relative = sources.relativize(source).toString().replace('\\', '/');
			String outputName = relative.substring(0, relative.length() - ".md".length());
			Path target = knowledge.resolve(outputName);
			SourceDoc doc = SourceDoc.parse(relative, Files.readString(source, StandardCharsets.UTF_8));
			byte[] bytes = outputName.endsWith(".pdf") ? PdfRenderer.render(doc) : DocxRenderer.render(doc);
			String digest = sha256(bytes);
			if (write) {
				Files.createDirectories(target.getParent());
				Files.write(target, bytes);
				System.out.printf("wrote   knowledge/%s  %,d bytes  sha256 %s%n", outputName, bytes.length, digest);
			}
			else if (!Files.exists(target) || !Arrays.equals(Files.readAllBytes(target), bytes)) {
				System.out.printf("STALE   knowledge/%s (regenerate with scripts/generate-knowledge-documents.sh)%n",
						outputName);
				ok = false;
			}
			else {
				System.out.printf("current knowledge/%s  sha256 %s%n", outputName, digest);
			}
		}
		return ok;
	}

	static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Without a configuration file Logback logs at DEBUG, and PDFBox, POI and Tika are chatty. PDFBox also warns that
	 * it measures Helvetica with a substitute font file; the PDF itself only names the standard 14 font.
	 */
	static void quietLogging() {
		setLevel("ROOT", "WARN");
		setLevel("org.apache.pdfbox.pdmodel.font", "ERROR");
	}

	static void setLevel(String loggerName, String levelName) {
		try {
			Object factory = Class.forName("org.slf4j.LoggerFactory").getMethod("getILoggerFactory").invoke(null);
			Object logger = factory.getClass().getMethod("getLogger", String.class).invoke(factory, loggerName);
			Class<?> level = Class.forName("ch.qos.logback.classic.Level");
			logger.getClass().getMethod("setLevel", level).invoke(logger, level.getField(levelName).get(null));
		}
		catch (ReflectiveOperationException | LinkageError | ClassCastException ex) {
			// another logging backend: leave it as configured
		}
	}

	// ------------------------------------------------------------------------------------------------ source model

	/** A span of inline text, bold or not. */
	record Span(String text, boolean bold) {
	}

	sealed interface Block permits Heading, Paragraph, ListBlock, Table, Quote {
	}

	record Heading(int level, List<Span> text) implements Block {
	}

	record Paragraph(List<Span> text) implements Block {
	}

	record ListBlock(boolean ordered, List<List<Span>> items) implements Block {
	}

	record Table(List<List<Span>> header, List<List<List<Span>>> rows) implements Block {
	}

	/** A block quote; a line holding only ">" separates its paragraphs (e.g. a quotation and its attribution). */
	record Quote(List<List<Span>> paragraphs) implements Block {
	}

	/** One Markdown source: its metadata (the eight keys, in order) and its blocks. */
	record SourceDoc(String name, Map<String, String> metadata, List<Block> blocks, String body) {

		String title() {
			return metadata.get("title");
		}

		LocalDate updated() {
			return LocalDate.parse(metadata.get("updated"));
		}

		static SourceDoc parse(String name, String text) {
			FrontMatter fm = FrontMatter.split(name, text);
			List<String> problems = checkMetadata(fm.metadata());
			if (!problems.isEmpty()) {
				throw new IllegalArgumentException(name + ": " + String.join("; ", problems));
			}
			return new SourceDoc(name, fm.metadata(), MarkdownParser.parse(fm.body()), fm.body());
		}
	}

	/** YAML front matter between "---" lines, read with SnakeYAML; values kept as the text written. */
	record FrontMatter(Map<String, String> metadata, String body) {

		static FrontMatter split(String name, String text) {
			String normalized = text.replace("\r\n", "\n");
			if (!normalized.startsWith("---\n")) {
				throw new IllegalArgumentException(name + ": no front matter (the file must start with a '---' line)");
			}
			int end = normalized.indexOf("\n---\n", 3);
			if (end < 0) {
				throw new IllegalArgumentException(name + ": front matter is not closed by a '---' line");
			}
			String yaml = normalized.substring(4, end + 1);
			Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
			if (!(loaded instanceof Map<?, ?> map)) {
				throw new IllegalArgumentException(name + ": front matter is not a YAML mapping");
			}
			Map<String, String> metadata = new LinkedHashMap<>();
			map.forEach((key, value) -> metadata.put(String.valueOf(key), scalar(value)));
			return new FrontMatter(metadata, normalized.substring(end + "\n---\n".length()));
		}

		/** SnakeYAML reads an unquoted 2026-03-14 as a timestamp; give back the date as written. */
		private static String scalar(Object value) {
			if (value instanceof Date date) {
				return date.toInstant().atOffset(ZoneOffset.UTC).toLocalDate().toString();
			}
			return value == null ? "" : String.valueOf(value);
		}
	}

	/** Problems with a document's metadata: missing or extra keys, values outside the allowed sets. */
	static List<String> checkMetadata(Map<String, String> metadata) {
		List<String> problems = new ArrayList<>();
		for (String key : metadata.keySet()) {
			if (!KEYS.contains(key)) {
				problems.add("unknown key '" + key + "'");
			}
		}
		for (String key : KEYS) {
			String value = metadata.get(key);
			if (value == null || value.isBlank()) {
				problems.add("missing '" + key + "'");
			}
			else if (ALLOWED.containsKey(key) && !ALLOWED.get(key).contains(value)) {
				problems.add(key + "=" + value + " is not one of " + new java.util.TreeSet<>(ALLOWED.get(key)));
			}
			else if (key.equals("updated") && !UPDATED.matcher(value).matches()) {
				problems.add("updated=" + value + " is not an ISO date in 2026");
			}
		}
		return problems;
	}

	/** The Markdown subset the sources use. */
	static final class MarkdownParser {

		private static final Pattern HEADING = Pattern.compile("(#{1,3})\\s+(.*)");

		private static final Pattern BULLET = Pattern.compile("[-*]\\s+(.*)");

		private static final Pattern ORDERED = Pattern.compile("\\d+\\.\\s+(.*)");

		private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*");

		static List<Block> parse(String body) {
			List<Block> blocks = new ArrayList<>();
			String[] lines = body.split("\n", -1);
			int i = 0;
			while (i < lines.length) {
				String line = lines[i].strip();
				Matcher m;
				if (line.isEmpty()) {
					i++;
				}
				else if ((m = HEADING.matcher(line)).matches()) {
					blocks.add(new Heading(m.group(1).length(), inline(m.group(2))));
					i++;
				}
				else if (BULLET.matcher(line).matches() || ORDERED.matcher(line).matches()) {
					boolean ordered = ORDERED.matcher(line).matches();
					Pattern item = ordered ? ORDERED : BULLET;
					List<List<Span>> items = new ArrayList<>();
					StringBuilder current = null;
					while (i < lines.length && !lines[i].isBlank()) {
						Matcher im = item.matcher(lines[i].strip());
						if (im.matches() && !lines[i].startsWith(" ")) {
							if (current != null) {
								items.add(inline(current.toString()));
							}
							current = new StringBuilder(im.group(1));
						}
						else if (current != null && lines[i].startsWith(" ")) {
							current.append(' ').append(lines[i].strip());
						}
						else {
							break;
						}
						i++;
					}
					items.add(inline(current.toString()));
					blocks.add(new ListBlock(ordered, items));
				}
				else if (line.startsWith("|")) {
					List<List<String>> rows = new ArrayList<>();
					while (i < lines.length && lines[i].strip().startsWith("|")) {
						rows.add(cells(lines[i].strip()));
						i++;
					}
					if (rows.size() < 2 || !rows.get(1).stream().allMatch(c -> c.matches(":?-{3,}:?"))) {
						throw new IllegalArgumentException("table without a '|---|' separator row: " + rows.getFirst());
					}
					List<List<Span>> header = rows.getFirst().stream().map(MarkdownParser::inline).toList();
					List<List<List<Span>>> body2 = new ArrayList<>();
					for (List<String> row : rows.subList(2, rows.size())) {
						if (row.size() != header.size()) {
							throw new IllegalArgumentException("table row has " + row.size() + " cells, header has "
									+ header.size() + ": " + row);
						}
						body2.add(row.stream().map(MarkdownParser::inline).toList());
					}
					blocks.add(new Table(header, body2));
				}
				else if (line.startsWith(">")) {
					List<List<Span>> paragraphs = new ArrayList<>();
					StringBuilder quote = new StringBuilder();
					while (i < lines.length && lines[i].strip().startsWith(">")) {
						String text = lines[i].strip().substring(1).strip();
						if (text.isEmpty() && !quote.isEmpty()) {
							paragraphs.add(inline(quote.toString().strip()));
							quote.setLength(0);
						}
						quote.append(' ').append(text);
						i++;
					}
					if (!quote.isEmpty()) {
						paragraphs.add(inline(quote.toString().strip()));
					}
					blocks.add(new Quote(paragraphs));
				}
				else {
					StringBuilder paragraph = new StringBuilder();
					while (i < lines.length && !lines[i].isBlank() && !startsBlock(lines[i].strip())) {
						paragraph.append(' ').append(lines[i].strip());
						i++;
					}
					blocks.add(new Paragraph(inline(paragraph.toString().strip())));
				}
			}
			return blocks;
		}

		private static boolean startsBlock(String line) {
			return HEADING.matcher(line).matches() || BULLET.matcher(line).matches()
					|| ORDERED.matcher(line).matches() || line.startsWith("|") || line.startsWith(">");
		}

		private static List<String> cells(String row) {
			String inner = row.substring(1, row.endsWith("|") ? row.length() - 1 : row.length());
			return Arrays.stream(inner.split("\\|", -1)).map(String::strip).toList();
		}

		static List<Span> inline(String text) {
			List<Span> spans = new ArrayList<>();
			Matcher m = BOLD.matcher(text);
			int at = 0;
			while (m.find()) {
				if (m.start() > at) {
					spans.add(new Span(text.substring(at, m.start()), false));
				}
				spans.add(new Span(m.group(1), true));
				at = m.end();
			}
			if (at < text.length()) {
				spans.add(new Span(text.substring(at), false));
			}
			return spans;
		}
	}

	static String plain(List<Span> spans) {
		StringBuilder sb = new StringBuilder();
		spans.forEach(s -> sb.append(s.text()));
		return sb.toString();
	}

	// ------------------------------------------------------------------------------------------------ PDF

	/** Lays out a document on A4 pages with the standard 14 Helvetica fonts (WinAnsi encoding). */
	static final class PdfRenderer {

		static final float MARGIN = 56;

		static final float BODY_SIZE = 10.5f;

		static final float LEADING = 1.38f;

		static final float CELL_PAD = 4;

		final PDDocument document = new PDDocument();

		final PDFont regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);

		final PDFont bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

		final PDFont italic = new PDType1Font(Standard14Fonts.FontName.HELVETICA_OBLIQUE);

		final PDRectangle pageSize = PDRectangle.A4;

		final float width = pageSize.getWidth() - 2 * MARGIN;

		final Set<String> replaced = new LinkedHashSet<>();

		PDPageContentStream content;

		float y;

		static byte[] render(SourceDoc doc) throws IOException {
			PdfRenderer renderer = new PdfRenderer();
			try (PDDocument pdf = renderer.document) {
				renderer.newPage();
				for (Block block : doc.blocks()) {
					renderer.block(block);
				}
				renderer.content.close();
				if (!renderer.replaced.isEmpty()) {
					System.err.printf("note: %s: characters outside WinAnsi replaced: %s%n", doc.name(),
							renderer.replaced);
				}
				renderer.information(doc);
				ByteArrayOutputStream out = new ByteArrayOutputStream();
				pdf.save(out);
				return out.toByteArray();
			}
		}

		/** Title, author, fixed dates and the custom keys; a file identifier derived from the source. */
		void information(SourceDoc doc) {
			PDDocumentInformation info = document.getDocumentInformation();
			info.setTitle(doc.title());
			info.setAuthor(AUTHOR);
			info.setCreator(AUTHOR + " knowledge documents");
			info.setProducer("Apache PDFBox");
			Calendar date = new GregorianCalendar(TimeZone.getTimeZone("UTC"), Locale.ROOT);
			date.clear();
			LocalDate updated = doc.updated();
			date.set(updated.getYear(), updated.getMonthValue() - 1, updated.getDayOfMonth(), 0, 0, 0);
			info.setCreationDate(date);
			info.setModificationDate(date);
			for (String key : KEYS) {
				if (!key.equals("title")) {
					info.setCustomMetadataValue(key, doc.metadata().get(key));
				}
			}
			// Without an /ID, PDFBox derives one from the current time; this one depends only on the source.
			byte[] id = Arrays.copyOf(HexFormat.of()
				.parseHex(sha256((doc.name() + "\n" + doc.metadata() + "\n" + doc.body()).getBytes(StandardCharsets.UTF_8))), 16);
			COSArray ids = new COSArray();
			ids.add(new COSString(id));
			ids.add(new COSString(id));
			document.getDocument().getTrailer().setItem(COSName.ID, ids);
		}

		void newPage() throws IOException {
			if (content != null) {
				content.close();
			}
			PDPage page = new PDPage(pageSize);
			document.addPage(page);
			content = new PDPageContentStream(document, page);
			y = pageSize.getHeight() - MARGIN;
		}

		void ensure(float height) throws IOException {
			if (y - height < MARGIN) {
				newPage();
			}
		}

		void block(Block block) throws IOException {
			switch (block) {
				case Heading h -> heading(h);
				case Paragraph p -> {
					lines(wrap(p.text(), regular, bold, BODY_SIZE, width), MARGIN, regular, bold, BODY_SIZE);
					y -= BODY_SIZE * 0.7f;
				}
				case ListBlock l -> list(l);
				case Table t -> table(t);
				case Quote q -> quote(q);
			}
		}

		void heading(Heading h) throws IOException {
			float size = switch (h.level()) {
				case 1 -> 20f;
				case 2 -> 14.5f;
				default -> 12f;
			};
			float before = h.level() == 1 ? 0 : size * 0.9f;
			List<List<Span>> lines = wrap(h.text(), bold, bold, size, width);
			// keep a heading with at least two lines of what follows
			ensure(before + lines.size() * size * 1.25f + 2 * BODY_SIZE * LEADING);
			if (y < pageSize.getHeight() - MARGIN) {
				y -= before;
			}
			for (List<Span> line : lines) {
				y -= size;
				show(line, MARGIN, bold, bold, size);
				y -= size * 0.25f;
			}
			if (h.level() == 1) {
				y -= 4;
				content.setStrokingColor(0.16f, 0.35f, 0.6f);
				content.setLineWidth(1.2f);
				content.moveTo(MARGIN, y);
				content.lineTo(MARGIN + width, y);
				content.stroke();
				y -= 12;
			}
			else {
				y -= size * 0.35f;
			}
		}

		void list(ListBlock l) throws IOException {
			float indent = 16;
			int number = 1;
			for (List<Span> item : l.items()) {
				List<List<Span>> lines = wrap(item, regular, bold, BODY_SIZE, width - indent);
				ensure(BODY_SIZE * LEADING);
				String marker = l.ordered() ? (number++) + "." : "\u2022";
				content.beginText();
				content.setFont(regular, BODY_SIZE);
				content.newLineAtOffset(MARGIN + 3, y - BODY_SIZE);
				content.showText(marker);
				content.endText();
				lines(lines, MARGIN + indent, regular, bold, BODY_SIZE);
				y -= BODY_SIZE * 0.25f;
			}
			y -= BODY_SIZE * 0.5f;
		}

		void quote(Quote q) throws IOException {
			float indent = 18;
			List<List<Span>> lines = new ArrayList<>();
			for (List<Span> paragraph : q.paragraphs()) {
				lines.addAll(wrap(paragraph, italic, bold, BODY_SIZE + 0.5f, width - indent));
			}
			float lineHeight = (BODY_SIZE + 0.5f) * LEADING;
			ensure(Math.min(lines.size(), 3) * lineHeight);
			for (List<Span> line : lines) {
				ensure(lineHeight);
				content.setStrokingColor(0.16f, 0.35f, 0.6f);
				content.setLineWidth(2f);
				content.moveTo(MARGIN + 4, y);
				content.lineTo(MARGIN + 4, y - lineHeight);
				content.stroke();
				y -= BODY_SIZE + 0.5f;
				show(line, MARGIN + indent, italic, bold, BODY_SIZE + 0.5f);
				y -= lineHeight - (BODY_SIZE + 0.5f);
			}
			y -= BODY_SIZE * 0.8f;
		}

		void table(Table t) throws IOException {
			float size = BODY_SIZE - 1f;
			int columns = t.header().size();
			float[] widths = columnWidths(t, size);
			List<List<List<Span>>> header = new ArrayList<>();
			for (int c = 0; c < columns; c++) {
				header.add(wrap(t.header().get(c), bold, bold, size, widths[c] - 2 * CELL_PAD));
			}
			ensure(rowHeight(header, size) * 2);
			row(header, widths, size, true);
			for (List<List<Span>> cells : t.rows()) {
				List<List<List<Span>>> wrapped = new ArrayList<>();
				for (int c = 0; c < columns; c++) {
					wrapped.add(wrap(cells.get(c), regular, bold, size, widths[c] - 2 * CELL_PAD));
				}
				if (y - rowHeight(wrapped, size) < MARGIN) {
					newPage();
					row(header, widths, size, true); // repeat the header on the new page
				}
				row(wrapped, widths, size, false);
			}
			y -= BODY_SIZE * 1.1f;
		}

		float rowHeight(List<List<List<Span>>> cells, float size) {
			int lines = cells.stream().mapToInt(List::size).max().orElse(1);
			return Math.max(1, lines) * size * LEADING + 2 * CELL_PAD;
		}

		void row(List<List<List<Span>>> cells, float[] widths, float size, boolean header) throws IOException {
			float height = rowHeight(cells, size);
			float x = MARGIN;
			if (header) {
				content.setNonStrokingColor(0.88f, 0.92f, 0.97f);
				content.addRect(MARGIN, y - height, sum(widths), height);
				content.fill();
				content.setNonStrokingColor(0f, 0f, 0f);
			}
			float top = y;
			for (int c = 0; c < cells.size(); c++) {
				y = top - CELL_PAD;
				lines(cells.get(c), x + CELL_PAD, header ? bold : regular, bold, size);
				x += widths[c];
			}
			y = top;
			content.setStrokingColor(0.6f, 0.6f, 0.6f);
			content.setLineWidth(0.5f);
			content.addRect(MARGIN, y - height, sum(widths), height);
			content.stroke();
			x = MARGIN;
			for (int c = 0; c < widths.length - 1; c++) {
				x += widths[c];
				content.moveTo(x, y);
				content.lineTo(x, y - height);
				content.stroke();
			}
			y -= height;
		}

		/** Columns as wide as their content wants when it fits; otherwise every column keeps its longest word. */
		float[] columnWidths(Table t, float size) throws IOException {
			int columns = t.header().size();
			float[] natural = new float[columns];
			float[] minimum = new float[columns];
			List<List<List<Span>>> all = new ArrayList<>();
			all.add(t.header());
			all.addAll(t.rows());
			for (List<List<Span>> row : all) {
				for (int c = 0; c < columns; c++) {
					String text = sanitize(plain(row.get(c)));
					natural[c] = Math.max(natural[c], bold.getStringWidth(text) / 1000 * size + 2 * CELL_PAD);
					for (String word : text.split(" ")) {
						minimum[c] = Math.max(minimum[c], bold.getStringWidth(word) / 1000 * size + 2 * CELL_PAD);
					}
				}
			}
			float[] widths = new float[columns];
			float naturalSum = sum(natural);
			if (naturalSum <= width) {
				for (int c = 0; c < columns; c++) {
					widths[c] = natural[c] / naturalSum * width;
				}
				return widths;
			}
			float minimumSum = sum(minimum);
			float spare = Math.max(0, width - minimumSum);
			float wanted = naturalSum - minimumSum;
			for (int c = 0; c < columns; c++) {
				widths[c] = minimumSum > width ? minimum[c] / minimumSum * width
						: minimum[c] + (natural[c] - minimum[c]) / wanted * spare;
			}
			return widths;
		}

		static float sum(float[] values) {
			float total = 0;
			for (float v : values) {
				total += v;
			}
			return total;
		}

		/** Draws wrapped lines from the current y, moving down one line each, breaking pages as needed. */
		void lines(List<List<Span>> lines, float x, PDFont normal, PDFont strong, float size) throws IOException {
			for (List<Span> line : lines) {
				ensure(size * LEADING);
				y -= size;
				show(line, x, normal, strong, size);
				y -= size * (LEADING - 1);
			}
		}

		/** Shows one line (its spans already sanitized) with its baseline at the current y. */
		void show(List<Span> line, float x, PDFont normal, PDFont strong, float size) throws IOException {
			content.beginText();
			content.newLineAtOffset(x, y);
			PDFont current = null;
			for (Span span : line) {
				PDFont font = span.bold() ? strong : normal;
				if (font != current) {
					content.setFont(font, size);
					current = font;
				}
				content.showText(span.text());
			}
			content.endText();
		}

		/**
		 * Greedy word wrap of styled text. Returns lines of spans; the space between two words stays at the end of
		 * the first one so that text extraction sees it.
		 */
		List<List<Span>> wrap(List<Span> spans, PDFont normal, PDFont strong, float size, float maxWidth)
				throws IOException {
			List<Span> words = new ArrayList<>();
			for (Span span : spans) {
				String text = sanitize(span.text());
				Matcher m = Pattern.compile("\\S+|\\s+").matcher(text);
				while (m.find()) {
					String piece = m.group();
					if (piece.isBlank()) {
						if (!words.isEmpty()) {
							Span last = words.getLast();
							if (!last.text().endsWith(" ")) {
								words.set(words.size() - 1, new Span(last.text() + " ", last.bold()));
							}
						}
					}
					else {
						// a piece that follows one without a trailing space continues the same word across a style
						// change ("**Acme**'s"); the wrap loop below never breaks inside such a run
						words.add(new Span(piece, span.bold()));
					}
				}
			}
			List<List<Span>> lines = new ArrayList<>();
			List<Span> line = new ArrayList<>();
			float lineWidth = 0;
			int i = 0;
			while (i < words.size()) {
				// a "word" is a run of spans up to and including one ending with a space
				int j = i;
				float wordWidth = 0;
				float trailing = 0;
				do {
					Span s = words.get(j);
					float w = (s.bold() ? strong : normal).getStringWidth(s.text()) / 1000 * size;
					wordWidth += w;
					trailing = s.text().endsWith(" ")
							? (s.bold() ? strong : normal).getStringWidth(" ") / 1000 * size : 0;
					j++;
				}
				while (j < words.size() && !words.get(j - 1).text().endsWith(" "));
				if (!line.isEmpty() && lineWidth + wordWidth - trailing > maxWidth) {
					lines.add(trimEnd(line));
					line = new ArrayList<>();
					lineWidth = 0;
				}
				for (int k = i; k < j; k++) {
					line.add(words.get(k));
				}
				lineWidth += wordWidth;
				i = j;
			}
			if (!line.isEmpty()) {
				lines.add(trimEnd(line));
			}
			if (lines.isEmpty()) {
				lines.add(List.of());
			}
			return lines;
		}

		static List<Span> trimEnd(List<Span> line) {
			List<Span> copy = new ArrayList<>(line);
			Span last = copy.getLast();
			copy.set(copy.size() - 1, new Span(last.text().stripTrailing(), last.bold()));
			return copy;
		}

		/** Helvetica (WinAnsi) has no glyph for some characters; substitute plain ones and report them. */
		String sanitize(String text) {
			StringBuilder sb = new StringBuilder(text.length());
			text.codePoints().forEach(cp -> {
				String ch = Character.toString(cp);
				if (cp == '\u00a0' || cp == '\u202f') {
					sb.append(' ');
					return;
				}
				String glyph = GlyphList.getAdobeGlyphList().codePointToName(cp);
				if (WinAnsiEncoding.INSTANCE.contains(glyph)) {
					sb.append(ch);
				}
				else {
					String substitute = switch (cp) {
						case '\u2192' -> "->";
						case '\u2190' -> "<-";
						case '\u2264' -> "<=";
						case '\u2265' -> ">=";
						case '\u2212' -> "-";
						case '\u2011', '\u2010' -> "-";
						case '\u2248' -> "~";
						case '\u2713', '\u2714' -> "yes";
						default -> "?";
					};
					replaced.add(ch + "->" + substitute);
					sb.append(substitute);
				}
			});
			return sb.toString();
		}
	}

	// ------------------------------------------------------------------------------------------------ DOCX

	/** Builds a Word document with real heading styles, numbered/bulleted lists and tables. */
	static final class DocxRenderer {

		static final String W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

		/** Style names follow Word's built-ins ("heading 1"), which is what Tika maps to h1-h3. */
		static final String STYLES = """
				<w:styles xmlns:w="%s">
				  <w:docDefaults>
				    <w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:cs="Calibri"/>
				      <w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="en-US"/></w:rPr></w:rPrDefault>
				    <w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault>
				  </w:docDefaults>
				  <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
				  <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>
				    <w:next w:val="Normal"/><w:qFormat/>
				    <w:pPr><w:keepNext/><w:spacing w:before="240" w:after="160"/><w:outlineLvl w:val="0"/></w:pPr>
				    <w:rPr><w:b/><w:color w:val="1F4E79"/><w:sz w:val="40"/><w:szCs w:val="40"/></w:rPr></w:style>
				  <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/>
				    <w:next w:val="Normal"/><w:qFormat/>
				    <w:pPr><w:keepNext/><w:spacing w:before="280" w:after="100"/><w:outlineLvl w:val="1"/></w:pPr>
				    <w:rPr><w:b/><w:color w:val="1F4E79"/><w:sz w:val="29"/><w:szCs w:val="29"/></w:rPr></w:style>
				  <w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/>
				    <w:next w:val="Normal"/><w:qFormat/>
				    <w:pPr><w:keepNext/><w:spacing w:before="200" w:after="80"/><w:outlineLvl w:val="2"/></w:pPr>
				    <w:rPr><w:b/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>
				  <w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/>
				    <w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="60"/><w:ind w:left="720"/></w:pPr></w:style>
				  <w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Quote"/><w:basedOn w:val="Normal"/><w:qFormat/>
				    <w:pPr><w:pBdr><w:left w:val="single" w:sz="18" w:space="8" w:color="2E5A99"/></w:pBdr>
				      <w:ind w:left="360"/></w:pPr><w:rPr><w:i/><w:color w:val="404040"/></w:rPr></w:style>
				  <w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/>
				    <w:tblPr><w:tblBorders>
				      <w:top w:val="single" w:sz="4" w:space="0" w:color="999999"/>
				      <w:left w:val="single" w:sz="4" w:space="0" w:color="999999"/>
				      <w:bottom w:val="single" w:sz="4" w:space="0" w:color="999999"/>
				      <w:right w:val="single" w:sz="4" w:space="0" w:color="999999"/>
				      <w:insideH w:val="single" w:sz="4" w:space="0" w:color="999999"/>
				      <w:insideV w:val="single" w:sz="4" w:space="0" w:color="999999"/>
				    </w:tblBorders>
				    <w:tblCellMar><w:left w:w="100" w:type="dxa"/><w:right w:w="100" w:type="dxa"/></w:tblCellMar></w:tblPr>
				  </w:style>
				</w:styles>
				""".formatted(W);

		/**
		 * One list definition (abstract numbering): %1$d is its id, %2$s the format, %3$s the level text. Each numbered
		 * list gets a definition of its own, so that it restarts at 1 in Word, LibreOffice and Tika alike.
		 */
		static final String LIST_DEFINITION = """
				<w:abstractNum w:abstractNumId="%1$d"><w:multiLevelType w:val="singleLevel"/>
				  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="%2$s"/><w:lvlText w:val="%3$s"/>
				    <w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>
				""";

		final XWPFDocument document = new XWPFDocument();

		/** List instance 1 is every bullet list; each numbered list gets its own instance so it restarts at 1. */
		static final BigInteger BULLET_LIST = BigInteger.ONE;

		BigInteger nextNumberedList = BigInteger.TWO;

		static byte[] render(SourceDoc doc) throws Exception {
			DocxRenderer renderer = new DocxRenderer();
			try (XWPFDocument docx = renderer.document) {
				renderer.setUp(doc);
				for (Block block : doc.blocks()) {
					renderer.block(block);
				}
				renderer.properties(doc);
				ByteArrayOutputStream out = new ByteArrayOutputStream();
				docx.write(out);
				return fixZipTimestamps(out.toByteArray(), doc.updated());
			}
		}

		void setUp(SourceDoc doc) throws Exception {
			document.createStyles().setStyles(StylesDocument.Factory.parse(compact(STYLES)).getStyles());
			long numberedLists = doc.blocks().stream().filter(b -> b instanceof ListBlock l && l.ordered()).count();
			// definition 0 and list 1: bullets; definition n-1 and list n (n >= 2): the numbered lists in order
			StringBuilder lists = new StringBuilder("<w:numbering xmlns:w=\"" + W + "\">")
				.append(LIST_DEFINITION.formatted(0, "bullet", "\u2022"));
			for (int n = 2; n < 2 + numberedLists; n++) {
				lists.append(LIST_DEFINITION.formatted(n - 1, "decimal", "%1."));
			}
			for (int n = 1; n < 2 + numberedLists; n++) {
				lists.append("<w:num w:numId=\"").append(n).append("\"><w:abstractNumId w:val=\"").append(n - 1)
					.append("\"/></w:num>");
			}
			lists.append("</w:numbering>");
			document.createNumbering().setNumbering(NumberingDocument.Factory.parse(compact(lists.toString())).getNumbering());
		}

		/** The XML templates are indented for reading; the parts are written without that whitespace. */
		static String compact(String xml) {
			return xml.strip().replaceAll(">\\s+<", "><");
		}

		void properties(SourceDoc doc) {
			POIXMLProperties properties = document.getProperties();
			POIXMLProperties.CoreProperties core = properties.getCoreProperties();
			Date date = Date.from(doc.updated().atStartOfDay().toInstant(ZoneOffset.UTC));
			core.setTitle(doc.title());
			core.setCreator(AUTHOR);
			core.setLastModifiedByUser(AUTHOR);
			core.setCreated(Optional.of(date));
			core.setModified(Optional.of(date));
			POIXMLProperties.CustomProperties custom = properties.getCustomProperties();
			for (String key : KEYS) {
				if (!key.equals("title")) {
					custom.addProperty(key, doc.metadata().get(key));
				}
			}
			properties.getExtendedProperties().setCompany(AUTHOR);
		}

		void block(Block block) {
			switch (block) {
				case Heading h -> {
					XWPFParagraph p = document.createParagraph();
					p.setStyle("Heading" + h.level());
					runs(p, h.text(), false);
				}
				case Paragraph para -> runs(document.createParagraph(), para.text(), false);
				case ListBlock l -> {
					BigInteger num = BULLET_LIST;
					if (l.ordered()) {
						num = nextNumberedList;
						nextNumberedList = nextNumberedList.add(BigInteger.ONE);
					}
					for (List<Span> item : l.items()) {
						XWPFParagraph p = document.createParagraph();
						p.setStyle("ListParagraph");
						p.setNumID(num);
						p.setNumILvl(BigInteger.ZERO);
						runs(p, item, false);
					}
				}
				case Table t -> table(t);
				case Quote q -> {
					for (List<Span> paragraph : q.paragraphs()) {
						XWPFParagraph p = document.createParagraph();
						p.setStyle("Quote");
						runs(p, paragraph, false);
					}
				}
			}
		}

		void table(Table t) {
			int columns = t.header().size();
			XWPFTable table = document.createTable(t.rows().size() + 1, columns);
			table.setStyleID("TableGrid");
			table.setWidth("100%");
			fill(table.getRow(0), t.header(), true);
			table.getRow(0).setRepeatHeader(true);
			for (int r = 0; r < t.rows().size(); r++) {
				fill(table.getRow(r + 1), t.rows().get(r), false);
			}
			document.createParagraph(); // Word needs a paragraph between adjacent tables; it also spaces the text
		}

		void fill(XWPFTableRow row, List<List<Span>> cells, boolean header) {
			for (int c = 0; c < cells.size(); c++) {
				XWPFTableCell cell = row.getCell(c);
				if (header) {
					cell.setColor("DDE8F5");
				}
				XWPFParagraph p = cell.getParagraphs().getFirst();
				p.setAlignment(ParagraphAlignment.LEFT);
				p.setSpacingAfter(0);
				runs(p, cells.get(c), header);
			}
		}

		static void runs(XWPFParagraph p, List<Span> spans, boolean allBold) {
			for (Span span : spans) {
				XWPFRun run = p.createRun();
				run.setText(span.text());
				if (allBold || span.bold()) {
					run.setBold(true);
				}
			}
		}

		/** POI stamps zip entries with the current time; rewrite them with the document's date, same order. */
		static byte[] fixZipTimestamps(byte[] zip, LocalDate date) throws IOException {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			LocalDateTime time = date.atStartOfDay();
			try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
					ZipOutputStream rewritten = new ZipOutputStream(out)) {
				ZipEntry entry;
				while ((entry = in.getNextEntry()) != null) {
					ZipEntry copy = new ZipEntry(entry.getName());
					copy.setTimeLocal(time);
					rewritten.putNextEntry(copy);
					in.transferTo(rewritten);
					rewritten.closeEntry();
				}
			}
			return out.toByteArray();
		}
	}

	// ------------------------------------------------------------------------------------------------ verification

	/** Parses the corpus the way the service will (Tika) and checks metadata, length and the test fact sheet. */
	static final class Verifier {

		final Path root;

		final Path knowledge;

		final AutoDetectParser parser = new AutoDetectParser();

		final Map<String, String> texts = new TreeMap<>();

		final Map<String, Map<String, String>> metadataByDocument = new TreeMap<>();

		final List<String> failures = new ArrayList<>();

		Verifier(Path root) {
			this.root = root;
			this.knowledge = root.resolve("knowledge");
		}

		boolean run() throws Exception {
			List<Path> files;
			try (Stream<Path> walk = Files.walk(knowledge)) {
				files = walk.filter(Files::isRegularFile).sorted().toList();
			}
			Map<String, Integer> byFormat = new TreeMap<>();
			Map<String, Integer> byType = new TreeMap<>();
			for (Path file : files) {
				String name = knowledge.relativize(file).toString().replace('\\', '/');
				if (file.getFileName().toString().equalsIgnoreCase("README.md")) {
					System.out.println("skip    " + name + " (README files describe the folder; they are not documents)");
					continue;
				}
				String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
				Map<String, String> metadata = switch (extension) {
					case "md" -> markdown(name, file);
					case "html", "pdf", "docx" -> tika(name, file, extension);
					default -> {
						failures.add(name + ": unexpected format ." + extension);
						yield null;
					}
				};
				if (metadata == null) {
					continue;
				}
				metadataByDocument.put(name, metadata);
				byFormat.merge(extension, 1, Integer::sum);
				byType.merge(metadata.getOrDefault("type", "?"), 1, Integer::sum);
				checkMetadata(metadata).forEach(problem -> failures.add(name + ": " + problem));
				int words = words(texts.get(name));
				if (words < MIN_WORDS || words > MAX_WORDS) {
					failures.add(name + ": " + words + " words (expected " + MIN_WORDS + "-" + MAX_WORDS + ")");
				}
				System.out.printf("        %-6s %4d words  %s%n", "", words, metadata);
			}
			facts();
			System.out.println();
			System.out.println("documents by format: " + byFormat + "  by type: " + byType + "  total: "
					+ byFormat.values().stream().mapToInt(Integer::intValue).sum());
			if (failures.isEmpty()) {
				System.out.println("verify: OK");
				return true;
			}
			failures.forEach(f -> System.out.println("FAIL    " + f));
			return false;
		}

		Map<String, String> markdown(String name, Path file) throws IOException {
			System.out.println("md      " + name);
			try {
				FrontMatter fm = FrontMatter.split(name, Files.readString(file, StandardCharsets.UTF_8));
				texts.put(name, fm.body());
				return fm.metadata();
			}
			catch (RuntimeException ex) {
				failures.add(ex.getMessage());
				return null;
			}
		}

		/** The Tika metadata names under which each format carries the eight keys. */
		static String tikaKey(String extension, String key) {
			if (key.equals("title")) {
				return "dc:title";
			}
			return switch (extension) {
				case "pdf" -> "pdf:docinfo:custom:" + key;
				case "docx" -> "custom:" + key;
				default -> key; // html <meta name="...">
			};
		}

		Map<String, String> tika(String name, Path file, String extension) throws Exception {
			Metadata tikaMetadata = new Metadata();
			BodyContentHandler handler = new BodyContentHandler(-1);
			try (InputStream in = Files.newInputStream(file)) {
				parser.parse(in, handler, tikaMetadata, new ParseContext());
			}
			texts.put(name, handler.toString());
			System.out.printf("%-7s %s  (%s)%n", extension, name, tikaMetadata.get(Metadata.CONTENT_TYPE));
			Map<String, String> metadata = new LinkedHashMap<>();
			for (String key : KEYS) {
				String tikaName = tikaKey(extension, key);
				String[] values = tikaMetadata.getValues(tikaName);
				if (values.length == 0) {
					continue;
				}
				Set<String> distinct = new LinkedHashSet<>(Arrays.asList(values));
				if (distinct.size() > 1) {
					failures.add(name + ": " + tikaName + " has several values " + distinct);
				}
				System.out.printf("          %-28s = %s%n", tikaName, values[0]);
				metadata.put(key, values[0]);
			}
			if (extension.equals("html")) {
				String metaTitle = tikaMetadata.get("title");
				if (!metadata.getOrDefault("title", "").equals(metaTitle)) {
					failures.add(name + ": <title> and <meta name=\"title\"> differ (" + metadata.get("title")
							+ " / " + metaTitle + ")");
				}
			}
			return metadata;
		}

		static int words(String text) {
			String stripped = text.replaceAll("(?m)^\\s*\\|?[-:| ]{3,}\\|?\\s*$", " ").replaceAll("[#*|>`]", " ");
			return (int) Arrays.stream(stripped.split("\\s+")).filter(w -> w.matches(".*[\\p{L}\\p{N}].*")).count();
		}

		static String normalize(String text) {
			return text.replace('\u00a0', ' ').replace("**", "").replaceAll("\\s+", " ");
		}

		/** Every customer name and key number in facts.yaml occurs in the text of its source. */
		@SuppressWarnings("unchecked")
		void facts() throws IOException {
			Path factsFile = root.resolve("src/test/resources/corpus/facts.yaml");
			if (!Files.exists(factsFile)) {
				failures.add("missing " + root.relativize(factsFile));
				return;
			}
			Map<String, Object> facts = new Yaml(new SafeConstructor(new LoaderOptions()))
				.load(Files.readString(factsFile, StandardCharsets.UTF_8));
			List<Map<String, Object>> caseStudies = (List<Map<String, Object>>) facts.get("case_studies");
			int checked = 0;
			for (Map<String, Object> cs : caseStudies) {
				String source = String.valueOf(cs.get("source"));
				String relative = source.startsWith("knowledge/") ? source.substring("knowledge/".length()) : source;
				String text = texts.get(relative);
				if (text == null) {
					failures.add("facts.yaml: no document " + source);
					continue;
				}
				String normalized = normalize(text);
				Map<String, String> metadata = metadataByDocument.getOrDefault(relative, Map.of());
				for (String key : List.of("product", "industry", "region", "language")) {
					if (cs.containsKey(key) && !String.valueOf(cs.get(key)).equals(metadata.get(key))) {
						failures.add("facts.yaml: " + source + " has " + key + "=" + metadata.get(key) + ", facts say "
								+ cs.get(key));
					}
				}
				List<String> needles = new ArrayList<>();
				for (String key : List.of("customer", "domain", "quote_by")) {
					if (cs.get(key) != null) {
						needles.add(String.valueOf(cs.get(key)));
					}
				}
				((List<Object>) cs.get("numbers")).forEach(n -> needles.add(String.valueOf(n)));
				for (String needle : needles) {
					checked++;
					if (!normalized.contains(normalize(needle))) {
						failures.add("facts.yaml: '" + needle + "' not found in " + source);
					}
				}
			}
			System.out.printf("facts   %d case studies, %d names and numbers checked against their text%n",
					caseStudies.size(), checked);
		}
	}
}
