package com.groundwork.knowledge.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;

/** Test documents: the files under knowledge-fixtures, and PDF / DOCX files built on the spot with PDFBox and POI. */
final class KnowledgeFixtures {

	private KnowledgeFixtures() {
	}

	static Path folder() {
		try {
			return Path.of(KnowledgeFixtures.class.getResource("/knowledge-fixtures").toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static byte[] read(String source) {
		try {
			return Files.readAllBytes(folder().resolve(source));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Copies the fixture folder (hidden folder and README included, to prove sync skips them). */
	static void copyTo(Path target) {
		var root = folder();
		try (var files = Files.walk(root)) {
			for (var file : files.filter(Files::isRegularFile).toList()) {
				var copy = target.resolve(root.relativize(file).toString());
				Files.createDirectories(copy.getParent());
				Files.copy(file, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A one-page PDF with a title and custom document-info fields, one text line per entry. */
	static byte[] pdf(String title, Map<String, String> custom, String... lines) {
		try (var pdf = new PDDocument(); var out = new ByteArrayOutputStream()) {
			var page = new PDPage();
			pdf.addPage(page);
			try (var content = new PDPageContentStream(pdf, page)) {
				content.beginText();
				content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 11);
				content.newLineAtOffset(50, 720);
				for (var line : lines) {
					content.showText(line);
					content.newLineAtOffset(0, -28);
				}
				content.endText();
			}
			pdf.getDocumentInformation().setTitle(title);
			custom.forEach(pdf.getDocumentInformation()::setCustomMetadataValue);
			pdf.save(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A DOCX with a title, custom properties and the given paragraphs; a paragraph starting with "# " or "## " is a
	 * Heading 1 / Heading 2, "| a | b" a row of the one table.
	 */
	static byte[] docx(String title, Map<String, String> custom, String... paragraphs) {
		try (var document = new XWPFDocument(); var out = new ByteArrayOutputStream()) {
			var styles = document.createStyles();
			styles.addStyle(headingStyle(1));
			styles.addStyle(headingStyle(2));
			org.apache.poi.xwpf.usermodel.XWPFTable table = null;
			for (var text : paragraphs) {
				if (text.startsWith("| ")) {
					var cells = text.substring(2).split(" \\| ");
					var row = table == null ? (table = document.createTable(1, cells.length)).getRow(0) : table.createRow();
					for (int i = 0; i < cells.length; i++) {
						row.getCell(i).setText(cells[i]);
					}
					continue;
				}
				table = null;
				var paragraph = document.createParagraph();
				if (text.startsWith("## ")) {
					paragraph.setStyle("Heading2");
					text = text.substring(3);
				}
				else if (text.startsWith("# ")) {
					paragraph.setStyle("Heading1");
					text = text.substring(2);
				}
				paragraph.createRun().setText(text);
			}
			document.getProperties().getCoreProperties().setTitle(title);
			custom.forEach(document.getProperties().getCustomProperties()::addProperty);
			document.write(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static XWPFStyle headingStyle(int level) {
		var style = CTStyle.Factory.newInstance();
		style.setStyleId("Heading" + level);
		style.addNewName().setVal("heading " + level);
		style.setType(STStyleType.PARAGRAPH);
		return new XWPFStyle(style);
	}

	/**
	 * A DOCX-shaped zip whose document part inflates from a few hundred kilobytes to {@code megabytes} MB of text:
	 * the shape of a decompression bomb.
	 */
	static byte[] zipBombDocx(int megabytes) {
		try (var out = new ByteArrayOutputStream(); var zip = new ZipOutputStream(out)) {
			put(zip, "[Content_Types].xml", """
					<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
					<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
					<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
					<Default Extension="xml" ContentType="application/xml"/>
					<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
					</Types>""");
			put(zip, "_rels/.rels", """
					<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
					<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
					<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
					</Relationships>""");
			zip.putNextEntry(new ZipEntry("word/document.xml"));
			zip.write("""
					<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
					<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>"""
				.getBytes(StandardCharsets.UTF_8));
			var block = "a".repeat(1024 * 1024).getBytes(StandardCharsets.UTF_8);
			for (int i = 0; i < megabytes; i++) {
				zip.write(block);
			}
			zip.write("</w:t></w:r></w:p></w:body></w:document>".getBytes(StandardCharsets.UTF_8));
			zip.closeEntry();
			zip.finish();
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void put(ZipOutputStream zip, String name, String content) throws IOException {
		zip.putNextEntry(new ZipEntry(name));
		zip.write(content.getBytes(StandardCharsets.UTF_8));
		zip.closeEntry();
	}
}
