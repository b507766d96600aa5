package com.groundwork.guardrail.internal;

import com.groundwork.guardrail.InjectionFeatures;
import com.groundwork.knowledge.Embedders;
import com.groundwork.lead.Suppressions;
import jakarta.validation.Validator;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** Wires the guardrails; the policy folder is read and validated here, at start-up. */
@Configuration(proxyBeanMethods = false)
class GuardrailConfiguration {

	@Bean
	GuardrailPolicies guardrailPolicies(GuardrailSettings settings, Validator validator) {
		return GuardrailPolicies.load(settings.dir(), validator);
	}

	/**
	 * The injection detector the checks use: the rules of {@code injection-patterns.yaml} and, unless
	 * {@code groundwork.guardrail.learned-injection.enabled=false}, the learned model beside them (union).
	 */
	@Bean
	@Primary
	InjectionDetector injectionDetector(PatternInjectionDetector patterns, InjectionFeatures features,
			Embedders embedders,
			@Value("${groundwork.guardrail.learned-injection.enabled:true}") boolean learned,
			@Value("${groundwork.guardrail.learned-injection.model:${groundwork.guardrails.dir:guardrails}/models/injection-detector.tribuo}") Path model) {
		if (!learned) {
			LoggerFactory.getLogger(GuardrailConfiguration.class).info("injection: rules only (learned detector off)");
			return patterns;
		}
		var detector = new LearnedInjectionDetector(features, embedders.primary(), LearnedInjectionModel.load(model, features));
		return new UnionInjectionDetector(List.of(patterns, detector));
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
