package com.groundwork.knowledge.internal;

import org.apache.tika.exception.WriteLimitReachedException;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Receives Tika's XHTML events with two guards: a ceiling on the characters of text accepted (a small file that
 * expands into gigabytes of text fails fast), and a check for cancellation, so an abandoned parse stops at its next
 * event instead of running on.
 */
abstract class LimitedContentHandler extends DefaultHandler {

	private final int maxCharacters;

	private int characters;

	LimitedContentHandler(int maxCharacters) {
		this.maxCharacters = maxCharacters;
	}

	@Override
	public final void startElement(String uri, String localName, String qName, Attributes attributes)
			throws SAXException {
		checkCancelled();
		start(localName.isEmpty() ? qName : localName);
	}

	@Override
	public final void endElement(String uri, String localName, String qName) throws SAXException {
		end(localName.isEmpty() ? qName : localName);
	}

	@Override
	public final void characters(char[] ch, int start, int length) throws SAXException {
		checkCancelled();
		characters += length;
		if (characters > maxCharacters) {
			throw new WriteLimitReachedException(maxCharacters);
		}
		text(ch, start, length);
	}

	@Override
	public final void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
		characters(ch, start, length);
	}

	abstract void start(String element);

	abstract void end(String element);

	abstract void text(char[] ch, int start, int length);

	private static void checkCancelled() throws SAXException {
		if (Thread.currentThread().isInterrupted()) {
			throw new SAXException(new ParseCancelledException());
		}
	}

	/** The parse was abandoned (it ran past its timeout). */
	static final class ParseCancelledException extends RuntimeException {

		ParseCancelledException() {
			super("parse cancelled", null, false, false);
		}
	}
}
