package com.groundwork.guardrail.internal;

import com.groundwork.guardrail.GuardrailEvaluation;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/** The detectors' evaluations behind {@link GuardrailEvaluation}. */
@Service
class DetectorEvaluationService implements GuardrailEvaluation {

	private final PiiDetector pii;

	private final InjectionDetector injection;

	private final JsonMapper mapper;

	DetectorEvaluationService(PiiDetector pii, InjectionDetector injection, JsonMapper mapper) {
		this.pii = pii;
		this.injection = injection;
		this.mapper = mapper;
	}

	@Override
	public String pii(Path data, Path report, PrintStream progress) {
		var records = PiiBenchmark.read(mapper, data);
		progress.println("pii: " + records.size() + " records from " + data);
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
		return mapper.writeValueAsString(result.summary());
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
