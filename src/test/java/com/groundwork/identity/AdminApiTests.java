package com.groundwork.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** The admin API: users and keys within the caller's tenant; tenants for platform admins only. */
@SpringBootTest
@AutoConfigureMockMvc
class AdminApiTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Test
	void demoTenantsHaveOneKeyPerRole() throws Exception {
		for (String role : new String[] { "rep", "marketer", "reviewer", "admin", "auditor" }) {
			for (String tenant : new String[] { "acme", "globex" }) {
				mvc.perform(get("/api/me").header("X-API-Key", "demo-" + tenant + "-" + role))
					.andExpect(status().isOk())
					.andExpect(jsonPath("$.tenantSlug").value(tenant))
					.andExpect(jsonPath("$.roles", hasItem(role.toUpperCase())));
			}
		}
	}

	@Test
	void aNewApiKeyIsShownOnceStoredHashedAndStopsWorkingWhenRevoked() throws Exception {
		String created = mvc.perform(post("/api/admin/api-keys").header("X-API-Key", "demo-acme-admin")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"crm sync\",\"role\":\"MARKETER\"}"))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String key = JsonPath.read(created, "$.key");
		String id = JsonPath.read(created, "$.id");
		String prefix = JsonPath.read(created, "$.prefix");
		assertThat(key).startsWith("gw_").startsWith(prefix);

		mvc.perform(get("/api/admin/api-keys/" + id).header("X-API-Key", "demo-acme-admin"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.key").doesNotExist())
			.andExpect(jsonPath("$.prefix").value(prefix));
		assertThat(jdbc.sql("SELECT COUNT(*) FROM api_key WHERE key_hash = :key").param("key", key).query(Long.class).single())
			.as("the clear key is not stored")
			.isZero();

		mvc.perform(get("/api/me").header("X-API-Key", key))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.roles", hasItem("MARKETER")));
		mvc.perform(delete("/api/admin/api-keys/" + id).header("X-API-Key", "demo-acme-admin"))
			.andExpect(status().isNoContent());
		mvc.perform(get("/api/me").header("X-API-Key", key)).andExpect(status().isUnauthorized());
	}

	@Test
	void aNewUserCanSignInWithTheFormAndPasswordsAreHashed() throws Exception {
		mvc.perform(post("/api/admin/users").header("X-API-Key", "demo-globex-admin")
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"username":"new.reviewer","displayName":"New Reviewer","password":"a-long-password-42","roles":["REVIEWER"]}
					"""))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.password").doesNotExist());

		String hash = jdbc.sql("SELECT password_hash FROM app_user WHERE username = 'new.reviewer'").query(String.class).single();
		assertThat(hash).startsWith("{argon2}").doesNotContain("a-long-password-42");

		mvc.perform(formLogin("/login").user("new.reviewer").password("a-long-password-42"))
			.andExpect(redirectedUrl("/"));
		mvc.perform(formLogin("/login").user("new.reviewer").password("wrong-password-42"))
			.andExpect(redirectedUrl("/login?error"));
	}

	@Test
	void usernamesAreUniqueWithAClearConflict() throws Exception {
		mvc.perform(post("/api/admin/users").header("X-API-Key", "demo-acme-admin")
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"username":"acme.rep","displayName":"Again","password":"a-long-password-42","roles":["REP"]}
					"""))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("acme.rep")));
	}

	@Test
	void adminsSeeOnlyTheirOwnTenant() throws Exception {
		mvc.perform(get("/api/admin/users").header("X-API-Key", "demo-globex-admin"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[*].username", hasItem("globex.rep")))
			.andExpect(jsonPath("$[*].username", not(hasItem("acme.rep"))));
		mvc.perform(get("/api/admin/tenants").header("X-API-Key", "demo-globex-admin"))
			.andExpect(jsonPath("$.length()").value(1))
			.andExpect(jsonPath("$[0].slug").value("globex"));
	}

	@Test
	void onlyPlatformAdminsCreateTenants() throws Exception {
		String tenant = """
				{"slug":"initech","name":"Initech","region":"EU",
				 "admin":{"username":"initech.admin","displayName":"Initech admin","password":"a-long-password-42","roles":["ADMIN"]}}
				""";
		mvc.perform(post("/api/admin/tenants").header("X-API-Key", "demo-acme-admin")
			.contentType(MediaType.APPLICATION_JSON)
			.content(tenant)).andExpect(status().isForbidden());
		mvc.perform(post("/api/admin/tenants").header("X-API-Key", "demo-platform-admin")
			.contentType(MediaType.APPLICATION_JSON)
			.content(tenant))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.tenant.slug").value("initech"))
			.andExpect(jsonPath("$.admin.username").value("initech.admin"));
		mvc.perform(get("/api/admin/tenants").header("X-API-Key", "demo-platform-admin"))
			.andExpect(jsonPath("$[*].slug", hasItem("initech")));
		mvc.perform(post("/api/admin/tenants").header("X-API-Key", "demo-platform-admin")
			.contentType(MediaType.APPLICATION_JSON)
			.content(tenant)).andExpect(status().isConflict());
	}
}
