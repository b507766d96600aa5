package com.groundwork.guardrail.internal;

import com.groundwork.lead.Suppressions;
import jakarta.validation.Validator;
import org.springframework.beans.factory.annotation.Value;
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

	/** The one personal-data detector: the pii check, masking before model calls, pseudonymization, log and audit masking. */
	@Bean
	PiiDetector piiDetector(GuardrailSettings settings,
			@Value("${groundwork.knowledge.folder:./knowledge}") java.nio.file.Path knowledge) {
		return CombinedPiiDetector.withModel(settings.dir(), knowledge);
	}

	@Bean
	GuardrailChecks guardrailChecks(GuardrailPolicies policies, PiiDetector pii, InjectionDetector injection,
			TextNormalizer normalizer, Suppressions suppressions) {
		return new GuardrailChecks(policies, pii, injection, normalizer, suppressions::isSuppressed);
	}

	@Bean
	VerdictRepository verdictRepository(JdbcClient jdbc, JsonMapper mapper) {
		return new VerdictRepository(jdbc, mapper);
	}
}
