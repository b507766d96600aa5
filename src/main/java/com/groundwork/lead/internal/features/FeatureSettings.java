package com.groundwork.lead.internal.features;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The feature registry and the vocabularies its derivations use.
 *
 * @param registry where the feature definition files are
 * @param seniority title keywords per seniority level, most senior first; the first level with a matching keyword wins
 * @param intentSignals phrases in CRM notes that signal buying intent, per signal name
 */
@ConfigurationProperties("groundwork.lead.features")
@Validated
public record FeatureSettings(@DefaultValue("classpath*:features/*.yaml") String registry,
		@DefaultValue @Valid List<SeniorityLevel> seniority,
		@DefaultValue Map<String, List<String>> intentSignals) {

	/** A seniority level and the title words that put a contact in it. */
	public record SeniorityLevel(@NotBlank String level, @NotEmpty List<String> keywords) {
	}
}
