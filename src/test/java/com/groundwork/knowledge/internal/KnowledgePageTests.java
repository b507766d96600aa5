package com.groundwork.knowledge.internal;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/** The knowledge page: the documents table, the search box for the search module's fragment, upload for editors. */
class KnowledgePageTests extends KnowledgeIntegrationTest {

	private static final String KEY = "X-API-Key";

	@Autowired
	MockMvc mvc;

	@Test
	void theKnowledgePageListsDocumentsAndOffersUploadToThoseWhoMayUpload() throws Exception {
		var name = unique("page.md");
		uploadAsAcme(name);

		mvc.perform(get("/knowledge").header(KEY, "demo-acme-rep").accept(MediaType.TEXT_HTML))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("data-testid=\"documents\"")))
			.andExpect(content().string(containsString(name)))
			.andExpect(content().string(containsString("hx-get=\"/knowledge/search\"")))
			.andExpect(content().string(containsString("hx-target=\"#search-results\"")))
			.andExpect(content().string(containsString("id=\"search-results\"")))
			.andExpect(content().string(containsString("name=\"q\"")))
			.andExpect(content().string(containsString("href=\"/knowledge\"")))
			.andExpect(content().string(not(containsString("data-testid=\"upload-form\""))));
		mvc.perform(get("/knowledge").header(KEY, "demo-acme-marketer"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("data-testid=\"upload-form\"")))
			.andExpect(content().string(containsString("enctype=\"multipart/form-data\"")));
		mvc.perform(get("/knowledge").header(KEY, "demo-acme-auditor")).andExpect(status().isForbidden());
	}

	@Test
	void thePageUploadRedirectsBackWithWhatHappened() throws Exception {
		var name = unique("from-page.md");
		mvc.perform(multipart("/knowledge/documents").file(file(name, "# From the page\n\nHello.\n")).header(KEY, "demo-acme-marketer"))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/knowledge"))
			.andExpect(flash().attribute("message", containsString("Indexed " + name)));
		mvc.perform(multipart("/knowledge/documents")
			.file(new MockMultipartFile("file", "bad-type.md", "text/markdown", KnowledgeFixtures.read("broken/bad-type.md")))
			.header(KEY, "demo-acme-marketer"))
			.andExpect(redirectedUrl("/knowledge"))
			.andExpect(flash().attribute("error", containsString("bad-type.md")));
		mvc.perform(multipart("/knowledge/documents").file(file(unique("x.md"), "# X\n")).header(KEY, "demo-acme-rep"))
			.andExpect(status().isForbidden());
	}

	private void uploadAsAcme(String name) throws Exception {
		mvc.perform(multipart("/api/knowledge/documents").file(file(name, "# " + name + "\n\nText.\n")).header(KEY, "demo-acme-admin"))
			.andExpect(status().isCreated());
	}

	private static MockMultipartFile file(String name, String text) {
		return new MockMultipartFile("file", name, "text/markdown", text.getBytes(StandardCharsets.UTF_8));
	}

	private static String unique(String name) {
		return UUID.randomUUID().toString().substring(0, 8) + "-" + name;
	}
}
