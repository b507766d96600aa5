package com.groundwork.drafting.internal;

import java.util.regex.Pattern;

/**
 * Untrusted text (passages, lead fields) goes into a prompt only inside its data sections; this keeps it from closing
 * a section or opening one of its own.
 */
final class DataSections {

	private static final Pattern SECTION_MARKER = Pattern.compile("(?m)^\\s*={3,}.*$");

	private DataSections() {
	}

	static String clean(String untrusted) {
		return SECTION_MARKER.matcher(untrusted).replaceAll("").replace("[[", "[ [").replace("]]", "] ]").strip();
	}
}
