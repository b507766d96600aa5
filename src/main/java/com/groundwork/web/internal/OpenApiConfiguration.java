package com.groundwork.web.internal;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at /v3/api-docs declares how machines authenticate: an API key in {@code X-API-Key}. */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(title = "Groundwork API", version = "v1",
		description = "Grounded, compliant, reviewed outreach drafts. Errors are RFC 9457 problems."),
		security = @SecurityRequirement(name = OpenApiConfiguration.API_KEY))
@SecurityScheme(name = OpenApiConfiguration.API_KEY, type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
		paramName = "X-API-Key", description = "An API key created by a tenant admin (shown once), e.g. demo-acme-rep")
class OpenApiConfiguration {

	static final String API_KEY = "apiKey";
}
