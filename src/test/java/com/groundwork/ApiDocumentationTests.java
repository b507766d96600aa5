package com.groundwork;

import static org.hamcrest.Matchers.hasKey;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

/** The OpenAPI document, Swagger UI and the public actuator endpoints are reachable without signing in. */
@SpringBootTest
@AutoConfigureMockMvc
class ApiDocumentationTests {

	@Autowired
	MockMvc mvc;

	@Test
	void openApiDeclaresTheApiKeyScheme() throws Exception {
		mvc.perform(get("/v3/api-docs"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.components.securitySchemes.apiKey.type").value("apiKey"))
			.andExpect(jsonPath("$.components.securitySchemes.apiKey.in").value("header"))
			.andExpect(jsonPath("$.components.securitySchemes.apiKey.name").value("X-API-Key"))
			.andExpect(jsonPath("$.paths", hasKey("/api/admin/api-keys")));
	}

	@Test
	void swaggerUiIsServed() throws Exception {
		mvc.perform(get("/swagger-ui/index.html")).andExpect(status().isOk());
	}

	@Test
	void healthAndInfoArePublicMetricsAreNot() throws Exception {
		mvc.perform(get("/actuator/health")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
		mvc.perform(get("/actuator/info")).andExpect(status().isOk());
		mvc.perform(get("/actuator/prometheus")).andExpect(status().isUnauthorized());
		mvc.perform(get("/actuator/prometheus").header("X-API-Key", "demo-acme-rep")).andExpect(status().isForbidden());
		mvc.perform(get("/actuator/prometheus").header("X-API-Key", "demo-acme-auditor")).andExpect(status().isOk());
		mvc.perform(get("/actuator/metrics").header("X-API-Key", "demo-acme-admin")).andExpect(status().isOk());
	}
}
