package com.groundwork.review.internal;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Hands the observation registry to the review services, whose decisions and releases are pipeline stages too. */
@Configuration(proxyBeanMethods = false)
class ReviewObservations {

	@Bean
	SmartInitializingSingleton reviewStagesObserved(ReviewService reviews, ReleaseService releases,
			ObjectProvider<ObservationRegistry> observations) {
		return () -> observations.ifAvailable(registry -> {
			reviews.observedBy(registry);
			releases.observedBy(registry);
		});
	}
}
