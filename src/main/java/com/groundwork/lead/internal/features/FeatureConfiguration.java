package com.groundwork.lead.internal.features;

import jakarta.validation.Validator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.ResourcePatternResolver;

@Configuration(proxyBeanMethods = false)
class FeatureConfiguration {

	/** Loaded once at start-up; an invalid file stops start-up (see {@link FeatureRegistryLoader}). */
	@Bean
	FeatureRegistry featureRegistry(FeatureSettings settings, ResourcePatternResolver resources, Validator validator,
			FeatureSources sources) {
		try {
			return new FeatureRegistryLoader(validator, sources.names())
				.load(Arrays.asList(resources.getResources(settings.registry())));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list the feature registry files " + settings.registry(), ex);
		}
	}
}
