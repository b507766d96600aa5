package com.groundwork.knowledge.internal;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The source name of an uploaded file: its own name without any folders a browser sent along, and no controls. */
final class UploadedFileName {

	private static final int MAX_LENGTH = 255;

	private UploadedFileName() {
	}

	static Optional<String> of(@Nullable String originalName) {
		if (originalName == null) {
			return Optional.empty();
		}
		var name = originalName.substring(Math.max(originalName.lastIndexOf('/'), originalName.lastIndexOf('\\')) + 1)
			.replaceAll("\\p{Cntrl}", "")
			.strip();
		if (name.isEmpty() || name.equals(".") || name.equals("..")) {
			return Optional.empty();
		}
		return Optional.of(name.length() <= MAX_LENGTH ? name : name.substring(name.length() - MAX_LENGTH));
	}
}
