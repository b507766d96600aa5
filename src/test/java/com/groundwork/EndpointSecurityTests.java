package com.groundwork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import com.groundwork.identity.Role;
import com.jayway.jsonpath.JsonPath;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint of the service, found in the handler mappings (so endpoints added later are covered without
 * touching this class): it declares who may call it, refuses anonymous callers, refuses roles it does not name, and
 * never shows one tenant's resource to another. A new endpoint with a path variable fails here until a canary for
 * it is added to {@link #CANARIES}.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndpointSecurityTests {

	private static final Pattern VARIABLE = Pattern.compile("\\{([^}:]+)(?::[^}]*)?}");

	/**
	 * For each path pattern with variables: how to find, as tenant acme, a resource that globex must not see. The
	 * function gets an acme admin's view of the service and returns the variable values.
	 */
	private static final Map<String, Function<EndpointSecurityTests, Map<String, String>>> CANARIES = Map.ofEntries(
			Map.entry("/api/admin/tenants/{id}", test -> Map.of("id", test.canaries.get("tenant"))),
			Map.entry("/api/admin/users/{id}", test -> Map.of("id", test.canaries.get("user"))),
			Map.entry("/api/admin/api-keys/{id}", test -> Map.of("id", test.canaries.get("apiKey"))),
			Map.entry("/api/knowledge/documents/{id}", test -> Map.of("id", test.canaries.get("document"))),
			Map.entry("/knowledge/documents/{id}/delete", test -> Map.of("id", test.canaries.get("document"))),
			Map.entry("/api/leads/{externalId}", test -> Map.of("externalId", test.canaries.get("lead"))),
			Map.entry("/api/leads/{externalId}/next-best-action", test -> Map.of("externalId", test.canaries.get("lead"))),
			Map.entry("/api/drafts/{id}", test -> Map.of("id", test.canaries.get("draft"))),
			Map.entry("/sidebar/drafts/{id}/submit", test -> Map.of("id", test.canaries.get("draft"))),
			Map.entry("/api/audit/events/{id}", test -> Map.of("id", test.canaries.get("auditEntry"))),
			Map.entry("/api/privacy/subjects/{email}/export", test -> Map.of("email", test.canaries.get("subject"))),
			Map.entry("/api/privacy/subjects/{email}", test -> Map.of("email", test.canaries.get("subject"))),
			Map.entry("/admin/api-keys/{id}/revoke", test -> Map.of("id", test.canaries.get("apiKey"))),
			Map.entry("/api/review/{draftId}", test -> Map.of("draftId", test.canaries.get("draft"))),
			Map.entry("/api/review/{draftId}/claim", test -> Map.of("draftId", test.canaries.get("draft"))),
			Map.entry("/api/review/{draftId}/approve", test -> Map.of("draftId", test.canaries.get("draft"))),
			Map.entry("/api/review/{draftId}/reject", test -> Map.of("draftId", test.canaries.get("draft"))),
			Map.entry("/api/review/{draftId}/release", test -> Map.of("draftId", test.canaries.get("draft"))),
			Map.entry("/api/review/{draftId}/redeliver", test -> Map.of("draftId", test.canaries.get("draft"))),
			Map.entry("/review/{draftId}", test -> Map.of("draftId", test.canaries.get("draft"))),
			Map.entry("/review/{draftId}/claim", test -> Map.of("draftId", test.canaries.get("draft"))),
			Map.entry("/review/{draftId}/recheck", test -> Map.of("draftId", test.canaries.get("draft"))),
			Map.entry("/review/{draftId}/approve", test -> Map.of("draftId", test.canaries.get("draft"))),
			Map.entry("/review/{draftId}/reject", test -> Map.of("draftId", test.canaries.get("draft"))),
			Map.entry("/review/{draftId}/release", test -> Map.of("draftId", test.canaries.get("draft"))),
			Map.entry("/review/{draftId}/redeliver", test -> Map.of("draftId", test.canaries.get("draft"))),
			Map.entry("/outbox/{id}.eml", test -> Map.of("id", test.canaries.get("outboxMessage"))),
			Map.entry("/api/campaigns/{id}", test -> Map.of("id", test.canaries.get("campaign"))),
			Map.entry("/api/campaigns/{id}/events", test -> Map.of("id", test.canaries.get("campaign"))),
			Map.entry("/api/campaigns/{id}/pause", test -> Map.of("id", test.canaries.get("campaign"))),
			Map.entry("/api/campaigns/{id}/resume", test -> Map.of("id", test.canaries.get("campaign"))),
			Map.entry("/api/campaigns/{id}/cancel", test -> Map.of("id", test.canaries.get("campaign"))),
			Map.entry("/api/campaigns/{id}/export", test -> Map.of("id", test.canaries.get("campaign"))),
			Map.entry("/campaigns/{id}", test -> Map.of("id", test.canaries.get("campaign"))),
			Map.entry("/campaigns/{id}/control", test -> Map.of("id", test.canaries.get("campaign"))));

	@Autowired
	MockMvc mvc;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	private final Map<String, String> canaries = new LinkedHashMap<>();

	record Endpoint(HttpMethod method, String pattern, Set<Role> allowed, boolean permitAll, boolean takesBody,
			String handler) {

		boolean isApi() {
			return pattern.startsWith("/api/");
		}

		@Override
		public String toString() {
			return method + " " + pattern;
		}
	}

	@BeforeAll
	void seedCanaries(@Autowired com.groundwork.knowledge.KnowledgeIngestion ingestion,
			@Autowired com.groundwork.search.PassageSearch search, @Autowired com.groundwork.identity.Tenants tenants)
			throws Exception {
		// passages for the outbox canary's draft to cite
		com.groundwork.drafting.DraftingFixtures.ingest(ingestion, search,
				com.groundwork.drafting.DraftingFixtures.tenant(tenants, "acme"),
				com.groundwork.drafting.DraftingFixtures.DOCUMENTS);
		canaries.put("tenant", JsonPath.read(body(get("/api/me"), "demo-acme-admin"), "$.tenantId"));
		canaries.put("user", JsonPath.read(body(post("/api/admin/users").contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"username":"canary.user","displayName":"Canary","password":"canary-password-1","roles":["REP"]}
					"""), "demo-acme-admin"), "$.id"));
		canaries.put("apiKey", JsonPath.read(body(post("/api/admin/api-keys").contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"name":"canary key","role":"REP"}
					"""), "demo-acme-admin"), "$.id"));
		canaries.put("document", JsonPath.read(body(multipart("/api/knowledge/documents").file(new MockMultipartFile(
				"file", "canary.md", "text/markdown", """
						---
						title: Acme canary
						type: faq
						---
						# Acme canary

						Only tenant acme may see this document.
						""".getBytes(StandardCharsets.UTF_8))), "demo-acme-admin"), "$.id"));
		canaries.put("lead", JsonPath.read(body(put("/api/leads/CANARY-1").contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"schemaVersion":2,"externalId":"CANARY-1",
					 "contact":{"firstName":"Canary","email":"canary@acme-only.example","country":"US"},
					 "company":{"name":"Acme canary account"},
					 "consent":{"status":"NONE"}}
					"""), "demo-acme-marketer"), "$.externalId"));
		canaries.put("draft", JsonPath.read(body(post("/api/drafts").contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"leadExternalId":"CANARY-1","angle":"intro"}
					"""), "demo-acme-rep"), "$.id"));
		canaries.put("subject", "canary@acme-only.example");
		canaries.put("outboxMessage", outboxCanary());
		canaries.put("auditEntry", JsonPath.read(body(get("/api/audit/events").param("action", "lead.created")
			.param("targetId", "CANARY-1"), "demo-acme-auditor"), "$.items[0].id"));
		canaries.put("campaign", JsonPath.read(body(post("/api/campaigns").contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"name":"Acme canary campaign","angle":"intro","leads":[
					 {"schemaVersion":2,"externalId":"CANARY-2",
					  "contact":{"firstName":"Canary","email":"canary2@acme-only.example","country":"US"},
					  "company":{"name":"Acme canary account"},"consent":{"status":"NONE"}}]}
					"""), "demo-acme-marketer"), "$.id"));
	}

	/** Resources without an id in their path: searches and lists never return another tenant's. */
	@Test
	void listsAndSearchesNeverShowAnotherTenantsResources() throws Exception {
		String search = body(get("/api/search").param("q", "Acme canary only tenant acme"), "demo-globex-rep");
		assertThat(search).doesNotContain(canaries.get("document")).doesNotContain("Only tenant acme may see");
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
				body(get("/api/search").param("q", "Acme canary only tenant acme"), "demo-acme-rep"))
			.contains(canaries.get("document")));
		assertThat(body(get("/api/knowledge/documents"), "demo-globex-admin")).doesNotContain(canaries.get("document"));
		assertThat(body(get("/api/admin/users"), "demo-globex-admin")).doesNotContain(canaries.get("user"));
		assertThat(body(get("/api/admin/api-keys"), "demo-globex-admin")).doesNotContain(canaries.get("apiKey"));
		assertThat(body(get("/api/outbox"), "demo-globex-reviewer")).doesNotContain(canaries.get("outboxMessage"));
		// (globex's own entries may name acme's ids: they record globex asking for them and being refused)
		String audit = body(get("/api/audit/events").param("size", "500"), "demo-globex-auditor");
		assertThat(JsonPath.<List<String>>read(audit, "$.items[*].id")).doesNotContain(canaries.get("auditEntry"));
		assertThat(JsonPath.<List<String>>read(audit, "$.items[*].targetId")).doesNotContain("CANARY-1",
				canaries.get("draft"));
		assertThat(body(get("/api/audit/export"), "demo-globex-auditor").lines()
			.map(line -> JsonPath.<String>read(line, "$.targetId"))).doesNotContain("CANARY-1", canaries.get("draft"));
	}

	/** A mail of acme's released into its outbox (on for the demo tenants): a draft approved and released. */
	private String outboxCanary() throws Exception {
		body(put("/api/leads/CANARY-3").contentType(MediaType.APPLICATION_JSON).content("""
				{"schemaVersion":2,"externalId":"CANARY-3",
				 "contact":{"firstName":"Dana","lastName":"Canary","email":"canary3@acme-only.example","title":"VP Operations","country":"US"},
				 "company":{"name":"Northwind Canary Logistics","industry":"logistics","employees":1200,"salesRegion":"NA"},
				 "consent":{"status":"IMPLIED","basis":"webinar-registration","source":"webinar","grantedAt":"2026-10-01"}}
				"""), "demo-acme-marketer");
		String generated = body(post("/api/drafts").contentType(MediaType.APPLICATION_JSON).content("""
				{"leadExternalId":"CANARY-3","angle":"intro"}
				"""), "demo-acme-rep");
		assertThat((String) JsonPath.read(generated, "$.status")).as(generated).isEqualTo("GENERATED");
		assertThat((String) JsonPath.read(generated, "$.verdict")).as(generated).isNotEqualTo("BLOCKED");
		String draft = JsonPath.read(generated, "$.id");
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() -> {
			var claim = mvc.perform(post("/api/review/" + draft + "/claim").header("X-API-Key", "demo-acme-reviewer"))
				.andReturn()
				.getResponse();
			assertThat(claim.getStatus()).as(claim.getContentAsString()).isEqualTo(200);
		});
		body(post("/api/review/" + draft + "/approve").contentType(MediaType.APPLICATION_JSON)
			.content("{\"comment\":\"canary\"}"), "demo-acme-reviewer");
		String released = body(post("/api/review/" + draft + "/release"), "demo-acme-reviewer");
		return JsonPath.<List<String>>read(released, "$.deliveries[?(@.channel == 'outbox')].id").getFirst();
	}

	@Test
	void findsTheEndpoints() {
		assertThat(endpoints()).extracting(Endpoint::toString)
			.contains("GET /api/me", "GET /api/admin/users", "POST /api/admin/api-keys", "GET /");
	}

	@Test
	void everyEndpointDeclaresWhoMayCallIt() {
		assertThat(endpoints()).allSatisfy(endpoint -> assertThat(endpoint.permitAll() || !endpoint.allowed().isEmpty())
			.as("%s (%s) must declare @RolesAllowed or @PermitAll", endpoint, endpoint.handler())
			.isTrue());
	}

	@TestFactory
	Stream<DynamicTest> anonymousCallersAreRefused() {
		return endpoints().stream().filter(endpoint -> !endpoint.permitAll()).map(endpoint -> DynamicTest.dynamicTest(
				endpoint.toString(), () -> {
					String uri = expand(endpoint.pattern(), Map.of());
					if (endpoint.isApi()) {
						MvcResult result = mvc.perform(request(endpoint.method(), uri).with(csrf())).andReturn();
						assertThat(result.getResponse().getStatus()).as("%s anonymous", endpoint).isEqualTo(401);
						assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
					}
					else {
						MvcResult result = mvc.perform(request(endpoint.method(), uri).with(csrf())
							.accept(MediaType.TEXT_HTML)).andReturn();
						assertThat(result.getResponse().getStatus()).as("%s anonymous", endpoint).isEqualTo(302);
						assertThat(result.getResponse().getRedirectedUrl()).endsWith("/login");
					}
				}));
	}

	@TestFactory
	Stream<DynamicTest> rolesWithoutPermissionAreForbidden() {
		List<DynamicTest> tests = new ArrayList<>();
		for (Endpoint endpoint : endpoints()) {
			if (endpoint.permitAll()) {
				continue;
			}
			for (Role role : EnumSet.complementOf(EnumSet.copyOf(endpoint.allowed()))) {
				tests.add(DynamicTest.dynamicTest(endpoint + " as " + role, () -> {
					MvcResult result = mvc.perform(request(endpoint.method(), expand(endpoint.pattern(), Map.of()))
						.header("X-API-Key", key("acme", role))
						.contentType(MediaType.APPLICATION_JSON)
						.content("{}")).andReturn();
					assertThat(result.getResponse().getStatus()).as("%s as %s", endpoint, role).isEqualTo(403);
					assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
				}));
			}
			// ...and the roles it names get past security (whatever the handler then says of an empty request). A
			// handler that also wants the request signed (webhooks) may answer 401, challenging for the signature
			// rather than for the caller's credentials.
			Role allowed = endpoint.allowed().iterator().next();
			tests.add(DynamicTest.dynamicTest(endpoint + " as " + allowed + " passes security", () -> {
				MvcResult result = mvc.perform(request(endpoint.method(), expand(endpoint.pattern(), Map.of()))
					.header("X-API-Key", key("acme", allowed))).andReturn();
				int status = result.getResponse().getStatus();
				String challenge = String.valueOf(result.getResponse().getHeader("WWW-Authenticate"));
				assertThat(status == 401 && challenge.startsWith("Signature ") ? 200 : status)
					.as("%s as %s (%s)", endpoint, allowed, challenge)
					.isNotIn(401, 403);
			}));
		}
		return tests.stream();
	}

	@TestFactory
	Stream<DynamicTest> anotherTenantsResourcesAreNotFound() {
		return endpoints().stream()
			.filter(endpoint -> VARIABLE.matcher(endpoint.pattern()).find())
			.map(endpoint -> DynamicTest.dynamicTest(endpoint.toString(), () -> {
				assertThat(CANARIES).as("no canary for %s: add one to EndpointSecurityTests.CANARIES", endpoint)
					.containsKey(endpoint.pattern());
				if (endpoint.takesBody() || endpoint.permitAll()) {
					return; // a body is validated before the resource is looked up; its GET twin covers the lookup
				}
				String uri = expand(endpoint.pattern(), CANARIES.get(endpoint.pattern()).apply(this));
				Role role = endpoint.allowed().iterator().next();
				MvcResult asOwner = mvc.perform(request(HttpMethod.GET, uri).header("X-API-Key", key("acme", role)))
					.andReturn();
				MvcResult asOther = mvc.perform(request(endpoint.method(), uri).header("X-API-Key", key("globex", role)))
					.andReturn();
				assertThat(asOther.getResponse().getStatus()).as("%s as globex %s", endpoint, role).isEqualTo(404);
				assertThat(asOther.getResponse().getContentAsString()).doesNotContain("Acme");
				if (endpoint.method() == HttpMethod.GET) {
					assertThat(asOwner.getResponse().getStatus()).as("%s as acme %s", endpoint, role).isEqualTo(200);
				}
			}));
	}

	private List<Endpoint> endpoints() {
		List<Endpoint> endpoints = new ArrayList<>();
		for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
			HandlerMethod handler = entry.getValue();
			if (!handler.getBeanType().getPackageName().startsWith("com.groundwork")) {
				continue;
			}
			Set<RequestMethod> methods = entry.getKey().getMethodsCondition().getMethods();
			for (String pattern : entry.getKey().getPatternValues()) {
				for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
					endpoints.add(new Endpoint(method.asHttpMethod(), pattern, allowedRoles(handler),
							declares(handler, PermitAll.class), takesBody(handler.getMethod()),
							handler.getShortLogMessage()));
				}
			}
		}
		return endpoints;
	}

	private static Set<Role> allowedRoles(HandlerMethod handler) {
		RolesAllowed roles = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RolesAllowed.class);
		if (roles == null) {
			roles = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), RolesAllowed.class);
		}
		if (roles == null) {
			return Set.of();
		}
		return Arrays.stream(roles.value()).map(Role::valueOf).collect(java.util.stream.Collectors.toSet());
	}

	private static boolean declares(HandlerMethod handler, Class<PermitAll> annotation) {
		return handler.hasMethodAnnotation(annotation)
				|| AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), annotation);
	}

	private static boolean takesBody(Method method) {
		return Arrays.stream(method.getParameters()).anyMatch(parameter -> parameter.isAnnotationPresent(RequestBody.class));
	}

	private static String expand(String pattern, Map<String, String> values) {
		Matcher matcher = VARIABLE.matcher(pattern);
		StringBuilder uri = new StringBuilder();
		while (matcher.find()) {
			matcher.appendReplacement(uri, values.getOrDefault(matcher.group(1), UUID.randomUUID().toString()));
		}
		return matcher.appendTail(uri).toString();
	}

	private static String key(String tenant, Role role) {
		return "demo-" + tenant + "-" + role.name().toLowerCase(Locale.ROOT);
	}

	private String body(org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder<?> request, String key)
			throws Exception {
		MvcResult result = mvc.perform(request.header("X-API-Key", key)).andReturn();
		assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isBetween(200, 299);
		return result.getResponse().getContentAsString();
	}
}
