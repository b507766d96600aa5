package com.groundwork.drafting.internal;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.function.Supplier;

/**
 * Each stage of a draft as a Micrometer observation (a timer, and a span when tracing is on), tagged with bounded
 * values only (tenant slug, angle, variant, tier, model, outcome), never a lead or draft id.
 */
final class DraftStages {

	static final String DRAFT = "groundwork.draft";
	static final String RETRIEVAL = "groundwork.draft.retrieval";
	static final String GENERATION = "groundwork.draft.generation";
	static final String GUARDRAIL = "groundwork.guardrail.check";

	private final ObservationRegistry observations;

	DraftStages(ObservationRegistry observations) {
		this.observations = observations;
	}

	/** An observation of one stage of this request, tagged with its tenant, angle and prompt variant. */
	Observation stage(String name, GenerationRequest request, String variant) {
		var observation = Observation.createNotStarted(name, observations)
			.lowCardinalityKeyValue("tenant", request.tenantSlug())
			.lowCardinalityKeyValue("angle", request.angle().slug());
		return variant.isEmpty() ? observation : observation.lowCardinalityKeyValue("variant", variant);
	}

	Observation generation(GenerationRequest request, String variant, Drafter drafter) {
		return stage(GENERATION, request, variant).lowCardinalityKeyValue("tier", String.valueOf(drafter.tier()))
			.lowCardinalityKeyValue("model", drafter.model());
	}

	/** Runs the stage in its observation; a failure is recorded on it with its outcome code. */
	static <T> T observed(Observation observation, Supplier<T> stage) {
		observation.start();
		try (var scope = observation.openScope()) {
			var result = stage.get();
			observation.lowCardinalityKeyValue("outcome", "ok");
			return result;
		}
		catch (DraftingFailedException failed) {
			observation.lowCardinalityKeyValue("outcome", failed.code());
			observation.error(failed);
			throw failed;
		}
		catch (RuntimeException failed) {
			observation.lowCardinalityKeyValue("outcome", "error");
			observation.error(failed);
			throw failed;
		}
		finally {
			observation.stop();
		}
	}
}
