package com.groundwork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Rate limits per API key, security headers, CSRF on the form pages, API key administration (find by prefix, revoke,
 * last use) and the admin pages.
 */
@SpringBootTest(properties = { "groundwork.identity.rate-limit.burst=5",
		"groundwork.identity.rate-limit.requests-per-second=0.2" })
@AutoConfigureMockMvc
class ApiHardeningTests {

	@Autowired
	MockMvc mvc;

	@Test
	void aKeyOverItsRateLimitGets429WithRetryAfterAndOtherKeysDoNot() throws Exception {
		for (int i = 0; i < 5; i++) {
			mvc.perform(get("/api/me").header("X-API-Key", "demo-globex-marketer")).andExpect(status().isOk());
		}
		mvc.perform(get("/api/me").header("X-API-Key", "demo-globex-marketer"))
			.andExpect(status().isTooManyRequests())
			.andExpect(header().string("Retry-After", "5"))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Too many requests"))
			.andExpect(jsonPath("$.detail", containsString("groundwork.identity.rate-limit")));
		mvc.perform(get("/api/me").header("X-API-Key", "demo-globex-reviewer")).andExpect(status().isOk());
	}

	@Test
	void everyAnswerCarriesTheSecurityHeadersAndHstsOnlyOverTls() throws Exception {
		mvc.perform(get("/api/me").header("X-API-Key", "demo-acme-rep"))
			.andExpect(header().string("X-Content-Type-Options", "nosniff"))
			.andExpect(header().string("Content-Security-Policy", containsString("default-src 'self'")))
			.andExpect(header().string("Content-Security-Policy", containsString("script-src 'self'")))
			.andExpect(header().string("Content-Security-Policy", containsString("frame-ancestors 'none'")))
			.andExpect(header().doesNotExist("Strict-Transport-Security"))
			.andExpect(header().exists("X-Request-Id"));
		mvc.perform(get("/api/me").secure(true).header("X-API-Key", "demo-acme-rep"))
			.andExpect(header().string("Strict-Transport-Security", containsString("max-age=31536000")));
		// The sidebar keeps its own frame-ancestors (the CRM origins) and gets the rest of the policy.
		mvc.perform(get("/sidebar").header("X-API-Key", "demo-acme-rep").accept(MediaType.TEXT_HTML))
			.andExpect(header().string("Content-Security-Policy", containsString("frame-ancestors 'self'")))
			.andExpect(header().string("Content-Security-Policy", containsString("default-src 'self'")))
			.andExpect(header().string("Content-Security-Policy", not(containsString("'none'; frame-ancestors"))));
		mvc.perform(get("/api/me").header("X-API-Key", "demo-acme-rep").header("X-Request-Id", "my-own-request-id"))
			.andExpect(header().string("X-Request-Id", "my-own-request-id"));
	}

	@Test
	void formPagesNeedTheirCsrfToken() throws Exception {
		var session = signIn("acme.admin");
		mvc.perform(post("/admin/api-keys").session(session).param("name", "forged").param("role", "ADMIN"))
			.andExpect(status().isForbidden());
		mvc.perform(post("/admin/suppressions").session(session).param("email", "forged@example.com"))
			.andExpect(status().isForbidden());
		mvc.perform(post("/admin/api-keys").session(session).with(csrf()).param("name", "from the page").param("role", "REP"))
			.andExpect(status().is3xxRedirection());
		mvc.perform(get("/admin/api-keys").session(session))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("from the page")));
	}

	@Test
	void adminPagesListTenantsUsersKeysAndSuppressions() throws Exception {
		var session = signIn("acme.admin");
		mvc.perform(get("/admin").session(session)).andExpect(status().isOk())
			.andExpect(content().string(containsString("/admin/suppressions")));
		mvc.perform(get("/admin/tenants").session(session)).andExpect(content().string(containsString("Acme Corp")))
			.andExpect(content().string(not(containsString("Globex Corp"))));
		mvc.perform(get("/admin/users").session(session)).andExpect(content().string(containsString("acme.reviewer")));
		mvc.perform(get("/admin/api-keys").param("prefix", "demo-acme-r").header("HX-Request", "true").session(session))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("demo-acme-r")))
			.andExpect(content().string(not(containsString("demo-acme-a"))))
			.andExpect(content().string(not(containsString("<header"))));
		mvc.perform(post("/admin/suppressions").session(session).with(csrf()).param("email", "page-added@example.com")
			.param("reason", "legal-request")).andExpect(status().is3xxRedirection());
		mvc.perform(get("/admin/suppressions").session(session))
			.andExpect(content().string(containsString(sha256("page-added@example.com"))))
			.andExpect(content().string(not(containsString("page-added@example.com"))));
		mvc.perform(get("/admin/users").session(signIn("acme.rep"))).andExpect(status().isForbidden());
	}

	@Test
	void apiKeysAreFoundByPrefixRevokedAndShowTheirLastUse() throws Exception {
		var created = mvc.perform(post("/api/admin/api-keys").header("X-API-Key", "demo-globex-admin")
			.contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"prefix test\",\"role\":\"REP\"}"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		String key = JsonPath.read(created, "$.key");
		String id = JsonPath.read(created, "$.id");
		String prefix = JsonPath.read(created, "$.prefix");
		mvc.perform(get("/api/me").header("X-API-Key", key)).andExpect(status().isOk());
		var listed = mvc.perform(get("/api/admin/api-keys").param("prefix", prefix).header("X-API-Key", "demo-globex-admin"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(JsonPath.<List<String>>read(listed, "$[*].id")).containsExactly(id);
		assertThat(JsonPath.<String>read(listed, "$[0].lastUsedAt")).isNotNull();
		mvc.perform(delete("/api/admin/api-keys/" + id).header("X-API-Key", "demo-globex-admin"))
			.andExpect(status().isNoContent());
		mvc.perform(get("/api/me").header("X-API-Key", key)).andExpect(status().isUnauthorized());
		mvc.perform(get("/api/admin/api-keys/" + id).header("X-API-Key", "demo-globex-admin"))
			.andExpect(jsonPath("$.revokedAt").isNotEmpty());
	}

	private MockHttpSession signIn(String username) throws Exception {
		var result = mvc.perform(formLogin("/login").user(username).password("groundwork-demo"))
			.andExpect(status().is3xxRedirection())
			.andReturn();
		return (MockHttpSession) result.getRequest().getSession(false);
	}

	private static String sha256(String text) throws Exception {
		return java.util.HexFormat.of()
			.formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
	}
}
