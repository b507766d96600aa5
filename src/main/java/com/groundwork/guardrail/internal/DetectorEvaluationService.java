package com.groundwork.guardrail.internal;

import com.groundwork.guardrail.GuardrailEvaluation;
import com.groundwork.guardrail.PiiHoldout;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/** The detectors' evaluations behind {@link GuardrailEvaluation}. */
@Service
class DetectorEvaluationService implements GuardrailEvaluation {

	private final PiiDetector pii;

	private final InjectionDetector injection;

	private final JsonMapper mapper;

	private final Path knowledge;

	DetectorEvaluationService(PiiDetector pii, InjectionDetector injection, JsonMapper mapper,
			@Value("${groundwork.knowledge.folder:./knowledge}") Path knowledge) {
		this.pii = pii;
		this.knowledge = knowledge;
		this.injection = injection;
		this.mapper = mapper;
	}

	@Override
	public String pii(Path data, Path report, PrintStream progress) {
		var all = PiiBenchmark.read(mapper, data);
		// Only the held-out part: the learned name finder trained on the rest.
		var records = all.stream().filter(record -> PiiHoldout.heldOut(record.text())).toList();
		progress.println("pii: " + records.size() + " held-out records of " + all.size() + " from " + data);
		var result = PiiBenchmark.evaluate(pii, records, progress);
		try {
			if (report.getParent() != null) {
				Files.createDirectories(report.getParent());
			}
			Files.writeString(report, result.markdown(data));
			progress.println("pii: report written to " + report);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		var summary = result.summary();
		var flags = KnowledgeFlagRate.measure(pii, knowledge);
		summary.put("knowledge_passages", flags.passages());
		summary.put("knowledge_flag_rate", PiiBenchmark.round(flags.rate()));
		if (pii instanceof CombinedPiiDetector combined) {
			var without = KnowledgeFlagRate.measure(combined.withoutKnowledgeNames(), knowledge);
			summary.put("knowledge_flag_rate_without_names", PiiBenchmark.round(without.rate()));
		}
		flags.examples().forEach(example -> progress.println("pii: knowledge passage flagged: " + example));
		summary.put("records", records.size());
		summary.put("held_out_percent", PiiHoldout.HELD_OUT_PERCENT);
		return mapper.writeValueAsString(summary);
	}

	@Override
	public <T> T withInjectionDetectorOff(java.util.function.Supplier<T> work) {
		InjectionScanner.SWITCHED_OFF.set(true);
		try {
			return work.get();
		}
		finally {
			InjectionScanner.SWITCHED_OFF.remove();
		}
	}

	@Override
	public List<InjectionHit> scanUntrusted(String text) {
		return injection.scan(text)
			.stream()
			.map(signal -> new InjectionHit(signal.category(), signal.score(), signal.evidence()))
			.toList();
	}
}
