package com.groundwork.drafting.internal;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A draft request that cannot be served as asked; 400 naming the field and what it accepts. */
class DraftRequestProblem extends ErrorResponseException {

	DraftRequestProblem(String field, String message) {
		super(HttpStatus.BAD_REQUEST, problem(field, message), null);
	}

	private static ProblemDetail problem(String field, String message) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, field + ": " + message);
		problem.setTitle("Invalid draft request");
		problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
		return problem;
	}

	static Angle angle(@org.jspecify.annotations.Nullable String angle) {
		if (angle == null || angle.isBlank()) {
			throw new DraftRequestProblem("angle", "is required; one of " + String.join(", ", Angle.slugs()));
		}
		return Angle.of(angle).orElseThrow(() -> new DraftRequestProblem("angle",
				"'" + angle + "' is not an angle; use one of " + String.join(", ", Angle.slugs())));
	}

	static Tone tone(@org.jspecify.annotations.Nullable String tone) {
		if (tone == null || tone.isBlank()) {
			return Tone.FRIENDLY;
		}
		return Tone.of(tone).orElseThrow(() -> new DraftRequestProblem("tone",
				"'" + tone + "' is not a tone; use one of " + String.join(", ", Tone.slugs())));
	}
}
