package com.groundwork;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultMatcher;

/** Every error an API client can provoke is an RFC 9457 problem that says what to fix, never a stack trace. */
@SpringBootTest(properties = "groundwork.web.max-request-size=4KB")
@AutoConfigureMockMvc
class ProblemResponsesTests {

	private static final String ADMIN = "demo-acme-admin";

	@Autowired
	MockMvc mvc;

	private static ResultMatcher problem(int status) {
		return result -> {
			status().is(status).match(result);
			content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON).match(result);
			jsonPath("$.status").value(status).match(result);
			jsonPath("$.title").isNotEmpty().match(result);
			content().string(not(containsString("Exception"))).match(result);
			content().string(not(containsString("at com."))).match(result);
		};
	}

	@Test
	void validationErrorsNameEachField() throws Exception {
		mvc.perform(post("/api/admin/users").header("X-API-Key", ADMIN)
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"username":"has space","displayName":"","password":"short","roles":[]}
					"""))
			.andExpect(problem(400))
			.andExpect(jsonPath("$.errors[*].field", hasItem("username")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("displayName")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("password")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("roles")))
			.andExpect(jsonPath("$.errors[?(@.field == 'password')].message", hasItem("must be 12 to 200 characters long")));
	}

	@Test
	void malformedJsonIsA400NotA500() throws Exception {
		mvc.perform(post("/api/admin/api-keys").header("X-API-Key", ADMIN)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"ci\", \"role\": "))
			.andExpect(problem(400));
	}

	@Test
	void unknownEnumValueNamesTheFieldAndTheAllowedValues() throws Exception {
		mvc.perform(post("/api/admin/api-keys").header("X-API-Key", ADMIN)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"ci\", \"role\": \"KING\"}"))
			.andExpect(problem(400))
			.andExpect(jsonPath("$.detail", containsString("role")))
			.andExpect(jsonPath("$.detail", containsString("REVIEWER")))
			.andExpect(jsonPath("$.detail", not(containsString("com.groundwork"))));
	}

	@Test
	void unknownPropertiesAreRejectedByName() throws Exception {
		mvc.perform(post("/api/admin/api-keys").header("X-API-Key", ADMIN)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"ci\", \"role\": \"REP\", \"tenantId\": \"x\"}"))
			.andExpect(problem(400))
			.andExpect(jsonPath("$.detail", containsString("tenantId")));
	}

	@Test
	void missingOrBadKeyIs401() throws Exception {
		mvc.perform(get("/api/me")).andExpect(problem(401));
		mvc.perform(get("/api/me").header("X-API-Key", "gw_not-a-real-key")).andExpect(problem(401));
	}

	@Test
	void roleWithoutPermissionIs403() throws Exception {
		mvc.perform(get("/api/admin/users").header("X-API-Key", "demo-acme-rep")).andExpect(problem(403));
	}

	@Test
	void unknownPathIs404() throws Exception {
		mvc.perform(get("/api/no-such-thing").header("X-API-Key", ADMIN))
			.andExpect(problem(404))
			.andExpect(jsonPath("$.detail", containsString("/api/no-such-thing")));
	}

	@Test
	void wrongMethodIs405WithAllowHeader() throws Exception {
		mvc.perform(delete("/api/me").header("X-API-Key", ADMIN))
			.andExpect(problem(405))
			.andExpect(header().exists("Allow"));
	}

	@Test
	void oversizedBodyIs413BeforeItIsRead() throws Exception {
		mvc.perform(post("/api/admin/api-keys").header("X-API-Key", ADMIN)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"" + "x".repeat(8 * 1024) + "\",\"role\":\"REP\"}"))
			.andExpect(problem(413))
			.andExpect(jsonPath("$.detail", containsString("groundwork.web.max-request-size")));
	}

	@Test
	void unsupportedMediaTypeIs415() throws Exception {
		mvc.perform(post("/api/admin/api-keys").header("X-API-Key", ADMIN)
			.contentType(MediaType.TEXT_PLAIN)
			.content("name=ci"))
			.andExpect(problem(415));
	}

	@Test
	void pagesGetAFriendlyHtmlErrorPage() throws Exception {
		mvc.perform(get("/no-such-page").header("X-API-Key", "demo-acme-rep").accept(MediaType.TEXT_HTML))
			.andExpect(status().isNotFound());
	}
}
