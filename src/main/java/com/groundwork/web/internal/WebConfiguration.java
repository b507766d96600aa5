package com.groundwork.web.internal;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerExceptionResolver;

@Configuration(proxyBeanMethods = false)
class WebConfiguration {

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
