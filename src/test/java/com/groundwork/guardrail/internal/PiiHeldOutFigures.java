package com.groundwork.guardrail.internal;

import com.groundwork.guardrail.PiiHoldout;
import java.nio.file.Path;
import tools.jackson.databind.json.JsonMapper;

/** Developer shortcut: the held-out figures of {@code eval/run pii} without starting the application. */
final class PiiHeldOutFigures {

	private static LearnedNameFinder load(Path file) {
		try {
			return LearnedNameFinder.load(file);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	public static void main(String[] args) {
		boolean development = Boolean.getBoolean("dev");
		var detector = development ? new CombinedPiiDetector(load(Path.of("target/pii-names-dev.bin")),
				KnowledgeNames.of(Path.of("knowledge")), Double.parseDouble(System.getProperty("threshold", "0.6"))) : CombinedPiiDetector.withModel(Path.of("guardrails"), Path.of("knowledge"));
		var records = PiiBenchmark.read(JsonMapper.shared(), Path.of(args[0]))
			.stream()
			.filter(record -> development ? PiiHoldout.development(record.text()) : PiiHoldout.heldOut(record.text()))
			.toList();
		var result = PiiBenchmark.evaluate(detector, records, System.err);
		if (Boolean.getBoolean("knowledge")) {
			var rate = KnowledgeFlagRate.measure(detector, Path.of("knowledge"));
			var bare = KnowledgeFlagRate.measure(((CombinedPiiDetector) detector).withoutKnowledgeNames(), Path.of("knowledge"));
			System.err.println("KNOWLEDGE " + rate.flagged() + "/" + rate.passages() + " without names " + bare.flagged());
			rate.examples().forEach(example -> System.err.println("KFLAG " + example));
		}
		var type = System.getProperty("errors");
		if (type != null) {
			for (var record : records) {
				var found = detector.detect(record.text()).stream().filter(entity -> entity.type().equals(type)).toList();
				var gold = record.spans().stream().filter(span -> span.type().equals(type)).toList();
				for (var span : gold) {
					if (found.stream().noneMatch(e -> PiiBenchmark.iou(span.start(), span.end(), e.start(), e.end()) >= 0.5)) {
						System.err.println("MISS " + span.value().replace("\n", "⏎") + "  ||  " + record.text().replace("\n", "⏎"));
					}
				}
				for (var e : found) {
					if (gold.stream().noneMatch(span -> PiiBenchmark.iou(span.start(), span.end(), e.start(), e.end()) >= 0.5)) {
						System.err.println("FALSE " + e.value().replace("\n", "⏎") + " " + String.format("%.2f", e.score()) + "  ||  " + record.text().replace("\n", "⏎"));
					}
				}
			}
		}
		System.out.println(JsonMapper.shared().writeValueAsString(result.summary()));
	}
}
