package com.groundwork.knowledge.internal;

import com.groundwork.knowledge.DocumentRejectedException;
import com.groundwork.knowledge.DocumentRejectedException.Reason;
import com.groundwork.knowledge.SourceDocument;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.exception.ZeroByteFileException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.AutoDetectParserConfig;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.microsoft.OfficeParserConfig;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.xml.sax.ContentHandler;

/**
 * Reads every accepted format with Apache Tika, defensively: the size is checked before parsing, the detected media
 * type must be on the allowlist, zip containers are measured before they are opened ({@link ZipBombGuard}), text
 * output is capped, Tika's SecureContentHandler refuses what still expands too much,
 * embedded files, OCR and images are skipped, and each parse runs on a small bounded pool with a timeout that cancels
 * it. Every failure becomes a {@link DocumentRejectedException} that names the file.
 */
@Component
class TikaDocumentParser implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(TikaDocumentParser.class);

	private static final Set<String> MARKDOWN = Set.of("text/markdown", "text/x-web-markdown", "text/x-markdown");

	private static final Set<String> PLAIN_TEXT = Set.of("text/plain");

	private final KnowledgeSettings settings;

	private final Set<String> allowedTypes;

	private final Detector detector;

	private final AutoDetectParser parser;

	private final ThreadPoolExecutor executor;

	TikaDocumentParser(KnowledgeSettings settings, MeterRegistry meters) {
		this.settings = settings;
		this.allowedTypes = settings.allowedBaseTypes();
		var tika = TikaConfig.getDefaultConfig();
		this.detector = tika.getDetector();
		this.parser = new AutoDetectParser(tika);
		// Decompression bomb guard (Tika's SecureContentHandler): past 1M characters of output, more than 100
		// characters per byte of input or XML nested deeper than 100 elements is refused.
		this.parser.setAutoDetectParserConfig(new AutoDetectParserConfig(null, 1_000_000L, 100L, 100, 10));
		var threads = new AtomicInteger();
		this.executor = new ThreadPoolExecutor(settings.parseThreads(), settings.parseThreads(), 0, TimeUnit.SECONDS,
				new ArrayBlockingQueue<>(64), task -> {
					var thread = new Thread(task, "knowledge-parse-" + threads.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		Gauge.builder("groundwork.knowledge.parses.active", executor, ThreadPoolExecutor::getActiveCount)
			.description("Documents being parsed now (a cancelled parse counts until it has really stopped)")
			.register(meters);
	}

	/**
	 * Parses one document within the configured limits.
	 * @throws DocumentRejectedException when it is too large, of a refused type, unreadable or too slow to parse
	 */
	ParsedDocument parse(SourceDocument document) {
		var source = document.source();
		long limit = settings.maxDocumentSize().toBytes();
		if (document.content().length > limit) {
			throw tooLarge(source, document.content().length, limit);
		}
		Future<ParsedDocument> parse;
		try {
			parse = executor.submit(() -> parseNow(document));
		}
		catch (RejectedExecutionException ex) {
			throw new ParserBusyException();
		}
		try {
			return parse.get(settings.parseTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			parse.cancel(true);
			throw new DocumentRejectedException(source, Reason.UNPARSABLE, source + ": parsing did not finish within "
					+ settings.parseTimeout().toSeconds() + " s (groundwork.knowledge.parse-timeout); the file may be "
					+ "damaged or unusually complex");
		}
		catch (InterruptedException ex) {
			parse.cancel(true);
			Thread.currentThread().interrupt();
			throw new DocumentRejectedException(source, Reason.UNPARSABLE, source + ": parsing was interrupted", ex);
		}
		catch (ExecutionException ex) {
			throw rejection(source, ex.getCause());
		}
	}

	private ParsedDocument parseNow(SourceDocument document) throws Exception {
		var source = document.source();
		if (document.content().length == 0) {
			throw new DocumentRejectedException(source, Reason.UNPARSABLE, source + ": the file is empty");
		}
		if (ZipBombGuard.isZip(document.content())) {
			var bomb = ZipBombGuard.check(document.content());
			if (bomb != null) {
				throw new DocumentRejectedException(source, Reason.TOO_LARGE,
						source + ": " + bomb + " (suspected decompression bomb) and was not read");
			}
		}
		var metadata = new Metadata();
		metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, source.substring(source.lastIndexOf('/') + 1));
		try (var stream = TikaInputStream.get(new CancellableInputStream(new ByteArrayInputStream(document.content())))) {
			var mediaType = detector.detect(stream, metadata).getBaseType().toString().toLowerCase(Locale.ROOT);
			if (!allowedTypes.contains(mediaType)) {
				throw new DocumentRejectedException(source, Reason.UNSUPPORTED_TYPE, source + ": its content is "
						+ mediaType + ", which is not accepted; send Markdown, HTML, PDF, DOCX or plain text"
						+ " (groundwork.knowledge.allowed-media-types)");
			}
			if (MARKDOWN.contains(mediaType) || PLAIN_TEXT.contains(mediaType)) {
				var text = utf8Text(document.content());
				if (text == null) {
					text = decodedByTika(stream, metadata);
				}
				if (PLAIN_TEXT.contains(mediaType)) {
					var blocks = PlainTextBlocks.read(text);
					return new ParsedDocument(source, mediaType, MetadataFields.resolve(source, Map.of(), blocks), blocks);
				}
				var markdown = FrontMatter.split(source, text);
				var blocks = MarkdownBlocks.read(markdown.body());
				return new ParsedDocument(source, mediaType, MetadataFields.resolve(source, markdown.fields(), blocks),
						blocks);
			}
			var collector = new XhtmlBlockCollector(settings.maxExtractedCharacters());
			parse(stream, collector, metadata);
			var blocks = collector.blocks();
			return new ParsedDocument(source, mediaType,
					MetadataFields.resolve(source, MetadataFields.fromTika(metadata), blocks), blocks);
		}
	}

	/**
	 * Valid UTF-8 is read as UTF-8, directly: Tika would detect the type a second time and guess the charset by
	 * statistics (a short file with a few accented letters came out as GB18030: "Distribución" read as
	 * "Distribuci贸n"). The text ends with a line break, as Tika's does.
	 * @return the text, or null when the bytes are not valid UTF-8
	 * @throws WriteLimitReachedException when it is longer than groundwork.knowledge.max-extracted-characters
	 */
	@Nullable String utf8Text(byte[] content) throws WriteLimitReachedException {
		String text;
		try {
			text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
				.onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
				.decode(java.nio.ByteBuffer.wrap(content))
				.toString();
		}
		catch (java.nio.charset.CharacterCodingException notUtf8) {
			return null;
		}
		if (text.startsWith("\uFEFF")) {
			text = text.substring(1);
		}
		if (text.length() > settings.maxExtractedCharacters()) {
			throw new WriteLimitReachedException(settings.maxExtractedCharacters());
		}
		return text.endsWith("\n") ? text : text + "\n";
	}

	/** Text in another charset: Tika's detection of it. */
	private String decodedByTika(InputStream stream, Metadata metadata) throws Exception {
		var text = new TextCollector(settings.maxExtractedCharacters());
		parser.parse(stream, text, metadata, parseContext());
		return text.text();
	}

	private void parse(InputStream stream, ContentHandler handler, Metadata metadata) throws Exception {
		parser.parse(stream, handler, metadata, parseContext());
	}

	/** Main text only: no embedded files, OCR, images, headers and footers, bookmarks or annotations. */
	private static ParseContext parseContext() {
		var context = new ParseContext();
		context.set(EmbeddedDocumentExtractor.class, SkipEmbedded.INSTANCE);
		var ocr = new TesseractOCRConfig();
		ocr.setSkipOcr(true);
		context.set(TesseractOCRConfig.class, ocr);
		var pdf = new PDFParserConfig();
		pdf.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
		pdf.setExtractInlineImages(false);
		pdf.setExtractBookmarksText(false);
		pdf.setExtractAnnotationText(false);
		pdf.setExtractAcroFormContent(false);
		// Tagged PDFs carry their headings, lists and tables as structure; use it where it exists.
		pdf.setExtractMarkedContent(true);
		context.set(PDFParserConfig.class, pdf);
		// Stream DOCX parts through SAX rather than loading each into a DOM.
		var office = new OfficeParserConfig();
		office.setUseSAXDocxExtractor(true);
		office.setIncludeHeadersAndFooters(false);
		context.set(OfficeParserConfig.class, office);
		return context;
	}

	private DocumentRejectedException rejection(String source, Throwable failure) {
		if (failure instanceof DocumentRejectedException rejected) {
			return rejected;
		}
		if (WriteLimitReachedException.isWriteLimitReached(failure)) {
			return new DocumentRejectedException(source, Reason.TOO_LARGE, source + ": it holds more than "
					+ settings.maxExtractedCharacters() + " characters of text (groundwork.knowledge.max-extracted-characters)",
					failure);
		}
		if (mentions(failure, "zip bomb")) {
			return new DocumentRejectedException(source, Reason.TOO_LARGE, source + ": it expands to far more than its "
					+ "own size (suspected decompression bomb) and was not read", failure);
		}
		if (failure instanceof OutOfMemoryError) {
			return new DocumentRejectedException(source, Reason.TOO_LARGE, source
					+ ": reading it needs more memory than the service has; split it into smaller documents", failure);
		}
		if (causedBy(failure, EncryptedDocumentException.class)) {
			return new DocumentRejectedException(source, Reason.UNPARSABLE,
					source + ": it is password-protected; send an unprotected copy", failure);
		}
		if (causedBy(failure, ZeroByteFileException.class)) {
			return new DocumentRejectedException(source, Reason.UNPARSABLE, source + ": the file is empty", failure);
		}
		if (causedBy(failure, InterruptedIOException.class)
				|| causedBy(failure, LimitedContentHandler.ParseCancelledException.class)) {
			return new DocumentRejectedException(source, Reason.UNPARSABLE, source + ": parsing was cancelled", failure);
		}
		// Tika and the format libraries word their failures for developers; log that, tell the user what to do.
		log.info("Could not parse {}: {}", source, failure.toString());
		log.debug("Parse failure of {}", source, failure);
		return new DocumentRejectedException(source, Reason.UNPARSABLE,
				source + ": it could not be read; the file is damaged or is not what its name says", failure);
	}

	private static boolean mentions(Throwable failure, String words) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause.getMessage() != null && cause.getMessage().toLowerCase(Locale.ROOT).contains(words)) {
				return true;
			}
		}
		return false;
	}

	private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

	private static DocumentRejectedException tooLarge(String source, long size, long limit) {
		return new DocumentRejectedException(source, Reason.TOO_LARGE, source + ": it has " + size
				+ " bytes; the limit is " + limit + " bytes (groundwork.knowledge.max-document-size)");
	}

	/** Refuses a document of {@code size} bytes without reading it (used by folder sync before loading a file). */
	void checkSize(String source, long size) {
		long limit = settings.maxDocumentSize().toBytes();
		if (size > limit) {
			throw tooLarge(source, size, limit);
		}
	}

	@Override
	public void destroy() {
		executor.shutdownNow();
	}

	/** Skips embedded files (attachments, OLE objects, images): they are not knowledge and widen the attack surface. */
	private enum SkipEmbedded implements EmbeddedDocumentExtractor {

		INSTANCE;

		@Override
		public boolean shouldParseEmbedded(Metadata metadata) {
			return false;
		}

		@Override
		public void parseEmbedded(InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml)
				throws IOException {
			// never called: shouldParseEmbedded says no
		}
	}

	/** All parser threads are busy and the queue is full: the client should retry shortly. */
	static final class ParserBusyException extends ErrorResponseException {

		ParserBusyException() {
			super(HttpStatus.SERVICE_UNAVAILABLE, problem(), null);
		}

		private static ProblemDetail problem() {
			var problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
					"Too many documents are being parsed right now; retry in a minute");
			problem.setTitle("Parser busy");
			return problem;
		}
	}
}
