package com.groundwork.identity.internal;

import com.groundwork.identity.CurrentActor;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class IdentityWebConfiguration implements WebMvcConfigurer {

	private final CurrentActor currentActor;

	IdentityWebConfiguration(CurrentActor currentActor) {
		this.currentActor = currentActor;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new RoleCheckInterceptor(currentActor));
	}
}
