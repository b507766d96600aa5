package com.groundwork.identity.internal;

import com.groundwork.identity.CurrentActor;
import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class IdentityWebConfiguration implements WebMvcConfigurer {

	private final CurrentActor currentActor;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	IdentityWebConfiguration(CurrentActor currentActor, ApplicationEventPublisher events, Clock clock) {
		this.currentActor = currentActor;
		this.events = events;
		this.clock = clock;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new RoleCheckInterceptor(currentActor, events, clock));
	}
}
