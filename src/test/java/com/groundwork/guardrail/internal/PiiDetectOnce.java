package com.groundwork.guardrail.internal;

import java.nio.file.Path;

/** Developer shortcut: what the combined detector finds in each argument. */
final class PiiDetectOnce {

	public static void main(String[] args) {
		var detector = CombinedPiiDetector.withModel(Path.of("guardrails"), Path.of("knowledge"));
		for (var text : args) {
			System.out.println(text + "\n  -> " + detector.detect(text));
		}
	}
}
