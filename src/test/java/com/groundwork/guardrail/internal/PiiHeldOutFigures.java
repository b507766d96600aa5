package com.groundwork.guardrail.internal;

import com.groundwork.guardrail.PiiHoldout;
import java.nio.file.Path;
import tools.jackson.databind.json.JsonMapper;

/** Developer shortcut: the held-out figures of {@code eval/run pii} without starting the application. */
final class PiiHeldOutFigures {

	public static void main(String[] args) {
		var detector = CombinedPiiDetector.withModel(Path.of("guardrails"), Path.of("knowledge"));
		var records = PiiBenchmark.read(JsonMapper.shared(), Path.of(args[0]))
			.stream()
			.filter(record -> PiiHoldout.heldOut(record.text()))
			.toList();
		var result = PiiBenchmark.evaluate(detector, records, System.err);
		System.out.println(JsonMapper.shared().writeValueAsString(result.summary()));
	}
}
