package com.groundwork.guardrail.internal;

import com.groundwork.lead.Suppressions;
import jakarta.validation.Validator;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** Wires the guardrails; the policy folder is read and validated here, at start-up. */
@Configuration(proxyBeanMethods = false)
class GuardrailConfiguration {

	@Bean
	GuardrailPolicies guardrailPolicies(GuardrailSettings settings, Validator validator) {
		return GuardrailPolicies.load(settings.dir(), validator);
	}

	// TEMPORARY until the detectors are merged: without them the service still starts (for the modules built against
	// the Guardrails API meanwhile), detecting nothing, and says so loudly.
	@Bean
	GuardrailChecks guardrailChecks(GuardrailPolicies policies, ObjectProvider<PiiDetector> pii,
			ObjectProvider<InjectionDetector> injection, ObjectProvider<TextNormalizer> normalizer,
			Suppressions suppressions, GuardrailSettings settings) {
		if (pii.getIfAvailable() == null || injection.getIfAvailable() == null || normalizer.getIfAvailable() == null) {
			LoggerFactory.getLogger(GuardrailConfiguration.class)
				.warn("Guardrail detectors missing: personal data and prompt injection are NOT detected");
		}
		return new GuardrailChecks(policies, pii.getIfAvailable(() -> text -> java.util.List.of()),
				injection.getIfAvailable(() -> text -> java.util.List.of()), normalizer.getIfAvailable(() -> text -> text),
				suppressions::isSuppressed, settings.scanCacheSize());
	}

	@Bean
	VerdictRepository verdictRepository(JdbcClient jdbc, JsonMapper mapper) {
		return new VerdictRepository(jdbc, mapper);
	}
}
