package com.groundwork.knowledge.internal;

/** Collects the body text of a plain-text or Markdown file as Tika decoded it, line breaks kept. */
final class TextCollector extends LimitedContentHandler {

	private final StringBuilder text = new StringBuilder();

	/** Only the body: whitespace Tika writes around it would shift front matter off the first line. */
	private boolean inBody;

	TextCollector(int maxCharacters) {
		super(maxCharacters);
	}

	String text() {
		return text.toString();
	}

	@Override
	void start(String element) {
		if (element.equals("body")) {
			inBody = true;
		}
	}

	@Override
	void end(String element) {
		if (element.equals("body")) {
			inBody = false;
		}
		else if (element.equals("p") && !text.isEmpty() && text.charAt(text.length() - 1) != '\n') {
			text.append('\n');
		}
	}

	@Override
	void text(char[] ch, int start, int length) {
		if (inBody) {
			text.append(ch, start, length);
		}
	}
}
