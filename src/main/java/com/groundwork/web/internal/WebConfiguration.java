package com.groundwork.web.internal;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerExceptionResolver;

@Configuration(proxyBeanMethods = false)
class WebConfiguration {

	/** First of all filters: security events and every log line of the request carry its id. */
	@Bean
	FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
		var registration = new FilterRegistrationBean<>(new RequestIdFilter());
		registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	/** Runs after the security filters: an anonymous caller learns 401 first, not the size limit. */
	@Bean
	FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(WebSettings settings,
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver exceptionResolver) {
		var registration = new FilterRegistrationBean<>(
				new RequestSizeLimitFilter(settings.maxRequestSize(), exceptionResolver));
		registration.setOrder(0);
		return registration;
	}
}
