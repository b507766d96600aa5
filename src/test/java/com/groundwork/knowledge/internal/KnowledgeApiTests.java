package com.groundwork.knowledge.internal;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;

/** The knowledge API and page over HTTP: roles, tenant isolation, and a problem document for every error. */
class KnowledgeApiTests extends KnowledgeIntegrationTest {

	private static final String KEY = "X-API-Key";

	@Autowired
	MockMvc mvc;

	@Test
	void anUploadIsIndexedAndShownToTheTenant() throws Exception {
		var name = unique("pricing.md");
		var body = "---\ntitle: Pricing\ntype: pricing\n---\n# Pricing\n\nStarter costs EUR 29 per vehicle.\n";

		var created = mvc.perform(upload(name, body).header(KEY, "demo-acme-marketer"))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", startsWith("/api/knowledge/documents/")))
			.andExpect(jsonPath("$.source").value(name))
			.andExpect(jsonPath("$.title").value("Pricing"))
			.andExpect(jsonPath("$.type").value("pricing"))
			.andExpect(jsonPath("$.status").value("INDEXED"))
			.andExpect(jsonPath("$.origin").value("UPLOAD"))
			.andExpect(jsonPath("$.chunks").value(1))
			.andExpect(jsonPath("$.indexedAt").isNotEmpty())
			.andReturn();
		String id = JsonPath.read(created.getResponse().getContentAsString(), "$.id");

		mvc.perform(get("/api/knowledge/documents/" + id).header(KEY, "demo-acme-admin"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(id));
		for (var role : new String[] { "rep", "reviewer", "auditor", "marketer", "admin" }) {
			mvc.perform(get("/api/knowledge/documents").header(KEY, "demo-acme-" + role))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$[*].source", hasItem(name)));
		}
		// the same bytes again: nothing to do
		mvc.perform(upload(name, body).header(KEY, "demo-acme-marketer"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(id));
	}

	@Test
	void anotherTenantsDocumentDoesNotExistForTheCaller() throws Exception {
		var id = uploadAsAcme(unique("secret.md"));

		mvc.perform(get("/api/knowledge/documents/" + id).header(KEY, "demo-globex-admin"))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value(containsString(id)));
		mvc.perform(delete("/api/knowledge/documents/" + id).header(KEY, "demo-globex-admin"))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/knowledge/documents").header(KEY, "demo-globex-admin"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[*].id", not(hasItem(id))));
		mvc.perform(get("/api/knowledge/documents/" + id).header(KEY, "demo-acme-admin")).andExpect(status().isOk());
	}

	@Test
	void deletingADocumentRemovesIt() throws Exception {
		var id = uploadAsAcme(unique("old.md"));

		mvc.perform(delete("/api/knowledge/documents/" + id).header(KEY, "demo-acme-admin"))
			.andExpect(status().isNoContent());

		mvc.perform(get("/api/knowledge/documents/" + id).header(KEY, "demo-acme-admin"))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/knowledge/documents/" + UUID.randomUUID()).header(KEY, "demo-acme-admin"))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.title").value("Document not found"));
	}

	@Test
	void aDocumentOverTheSizeLimitIs413() throws Exception {
		var big = new byte[21 * 1024 * 1024];
		java.util.Arrays.fill(big, (byte) 'a');

		problem(mvc.perform(multipart("/api/knowledge/documents").file(new MockMultipartFile("file", "big.txt", "text/plain", big))
			.header(KEY, "demo-acme-admin")), 413, "TOO_LARGE", "big.txt");
	}

	@Test
	void aTypeOutsideTheAllowlistIs415() throws Exception {
		var png = new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, '\r', 'I', 'H', 'D', 'R' };

		problem(mvc.perform(multipart("/api/knowledge/documents").file(new MockMultipartFile("file", "logo.png", "image/png", png))
			.header(KEY, "demo-acme-admin")), 415, "UNSUPPORTED_TYPE", "logo.png")
			.andExpect(jsonPath("$.detail").value(containsString("image/png")));
	}

	@Test
	void anUnreadableDocumentIs422NamingTheFile() throws Exception {
		problem(mvc.perform(multipart("/api/knowledge/documents")
			.file(new MockMultipartFile("file", "not-really.pdf", "application/pdf", KnowledgeFixtures.read("broken/not-really.pdf")))
			.header(KEY, "demo-acme-admin")), 422, "UNPARSABLE", "not-really.pdf");
	}

	@Test
	void anInvalidTypeIs422NamingTheField() throws Exception {
		problem(mvc.perform(multipart("/api/knowledge/documents")
			.file(new MockMultipartFile("file", "bad-type.md", "text/markdown", KnowledgeFixtures.read("broken/bad-type.md")))
			.header(KEY, "demo-acme-admin")), 422, "INVALID_METADATA", "bad-type.md")
			.andExpect(jsonPath("$.errors[0].field").value("type"))
			.andExpect(jsonPath("$.errors[0].message").value(containsString("product-doc, case-study, faq, pricing, integration")));
	}

	@Test
	void aMissingFilePartIs400NamingIt() throws Exception {
		mvc.perform(multipart("/api/knowledge/documents").file(new MockMultipartFile("document", "a.md", "text/markdown", new byte[] { 'x' }))
			.header(KEY, "demo-acme-admin"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value(startsWith("file: ")))
			.andExpect(jsonPath("$.errors[0].field").value("file"));
		mvc.perform(post("/api/knowledge/documents").contentType(MediaType.APPLICATION_JSON).content("{}").header(KEY, "demo-acme-admin"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("file"));
	}

	@Test
	void onlyAdminsAndMarketersChangeKnowledge() throws Exception {
		var id = uploadAsAcme(unique("guarded.md"));

		for (var role : new String[] { "rep", "reviewer", "auditor" }) {
			mvc.perform(upload(unique("x.md"), "# X\n\ntext\n").header(KEY, "demo-acme-" + role)).andExpect(status().isForbidden());
			mvc.perform(delete("/api/knowledge/documents/" + id).header(KEY, "demo-acme-" + role)).andExpect(status().isForbidden());
			mvc.perform(post("/api/knowledge/sync").header(KEY, "demo-acme-" + role)).andExpect(status().isForbidden());
			mvc.perform(get("/api/knowledge/documents/" + id).header(KEY, "demo-acme-" + role)).andExpect(status().isForbidden());
		}
		mvc.perform(get("/api/knowledge/documents")).andExpect(status().isUnauthorized());
	}

	@Test
	void syncReportsWhatItDidForTheCallersTenant() throws Exception {
		clearFolder();
		Files.write(FOLDER.resolve("notes.txt"), KnowledgeFixtures.read("notes.txt"));

		mvc.perform(post("/api/knowledge/sync").header(KEY, "demo-globex-marketer"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.failed").value(0))
			.andExpect(jsonPath("$.errors").isEmpty())
			.andExpect(jsonPath("$.tookMillis").isNumber())
			.andExpect(result -> {
				int indexed = JsonPath.read(result.getResponse().getContentAsString(), "$.indexed");
				int unchanged = JsonPath.read(result.getResponse().getContentAsString(), "$.unchanged");
				org.assertj.core.api.Assertions.assertThat(indexed + unchanged).isEqualTo(1);
			});
		mvc.perform(get("/api/knowledge/documents").header(KEY, "demo-globex-rep"))
			.andExpect(jsonPath("$[?(@.source == 'notes.txt')].origin").value(hasItem("FOLDER")));
	}

	private String uploadAsAcme(String name) throws Exception {
		var result = mvc.perform(upload(name, "# " + name + "\n\nSome text about " + name + ".\n").header(KEY, "demo-acme-admin"))
			.andExpect(status().isCreated())
			.andReturn();
		return JsonPath.read(result.getResponse().getContentAsString(), "$.id");
	}

	private static org.springframework.test.web.servlet.ResultActions problem(
			org.springframework.test.web.servlet.ResultActions actions, int status, String reason, String source)
			throws Exception {
		return actions.andExpect(status().is(status))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(status))
			.andExpect(jsonPath("$.reason").value(reason))
			.andExpect(jsonPath("$.source").value(source))
			.andExpect(jsonPath("$.detail").value(startsWith(source + ": ")))
			.andExpect(jsonPath("$.instance").value(endsWith("/api/knowledge/documents")));
	}

	private static MockMultipartHttpServletRequestBuilder upload(String name, String text) {
		return multipart("/api/knowledge/documents").file(file(name, text));
	}

	private static MockMultipartFile file(String name, String text) {
		return new MockMultipartFile("file", name, "text/markdown", text.getBytes(StandardCharsets.UTF_8));
	}

	private static String unique(String name) {
		return UUID.randomUUID().toString().substring(0, 8) + "-" + name;
	}

}
