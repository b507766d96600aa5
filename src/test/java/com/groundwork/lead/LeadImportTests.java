package com.groundwork.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/** CSV import: flattened contract paths as columns, a per-row report, good rows kept, large files streamed. */
@SpringBootTest
@AutoConfigureMockMvc
class LeadImportTests {

	static final String HEADER = "externalId,contact.firstName,contact.lastName,contact.email,contact.title,contact.country,"
			+ "contact.language,company.name,company.domain,company.industry,company.employees,company.salesRegion,"
			+ "crm.stage,crm.notes,consent.status,consent.source,consent.grantedAt\n";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Test
	void badRowsAreReportedByRowAndFieldAndGoodRowsAreKept() throws Exception {
		String csv = HEADER
				+ "C-1,Ada,Lovelace,ada@engines.example,Head of Operations,GB,en,Analytical Engines,engines.example,manufacturing,450,EMEA,MQL,\"Asked about pricing, and SOC 2\",IMPLIED,webinar,2026-10-01\n"
				+ "C-2,Bob,Broken,not-an-email,Buyer,US,en,Broken Co,,retail,12,NA,LEAD,,NONE,,\n"
				+ "C-3,Cleo,Country,cleo@zz.example,COO,ZZ,en,Zed Corp,,logistics,many,NA,LEAD,,NONE,,\n"
				+ "C-4,Dee,Dates,dee@dates.example,COO,US,en,Dates Inc,,logistics,300,NA,LEAD,,EXPRESS,web-form,01/10/2026\n"
				+ "\n"
				+ "C-5,Eve,Ok,eve@ok.example,VP Logistics,DE,de,OK GmbH,ok.example,logistics,2000,EMEA,SQL,\"Multi-line\nnote\",NONE,,\n";
		mvc.perform(multipart("/api/leads/import")
			.file(new MockMultipartFile("file", "leads.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
			.header("X-API-Key", "demo-acme-marketer"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.rows").value(5))
			.andExpect(jsonPath("$.created").value(2))
			.andExpect(jsonPath("$.rejected").value(3))
			.andExpect(jsonPath("$.complete").value(true))
			.andExpect(jsonPath("$.errors[?(@.row == 3)].field", hasItem("contact.email")))
			.andExpect(jsonPath("$.errors[?(@.row == 3)].externalId", hasItem("C-2")))
			.andExpect(jsonPath("$.errors[?(@.row == 4)].field", hasItem("company.employees")))
			.andExpect(jsonPath("$.errors[?(@.row == 5)].field", hasItem("consent.grantedAt")))
			.andExpect(jsonPath("$.errors[?(@.row == 5)].message", hasItem(containsString("2026-10-01"))));

		mvc.perform(get("/api/leads/C-1").header("X-API-Key", "demo-acme-rep"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.lead.company.employees").value(450))
			.andExpect(jsonPath("$.lead.crm.notes").value("Asked about pricing, and SOC 2"));
		mvc.perform(get("/api/leads/C-5").header("X-API-Key", "demo-acme-rep"))
			.andExpect(jsonPath("$.lead.crm.notes").value("Multi-line\nnote"));
		mvc.perform(get("/api/leads/C-2").header("X-API-Key", "demo-acme-rep")).andExpect(status().isNotFound());
	}

	@Test
	void aTextCsvBodyWithVersionOneRowsIsAcceptedToo() throws Exception {
		String csv = "schemaVersion,externalId,contact.email,contact.country,company.name,company.region,consent.status\n"
				+ "1,C-V1,v1@old.example,us,Old Style Inc,NA,NONE\n"
				+ "2,C-V2,v2@new.example,US,New Style Inc,,NONE\n"
				+ "7,C-V7,v7@odd.example,US,Odd Inc,,NONE\n";
		mvc.perform(post("/api/leads/import").header("X-API-Key", "demo-acme-admin")
			.contentType("text/csv")
			.content(csv))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.created").value(2))
			.andExpect(jsonPath("$.errors[0].row").value(4))
			.andExpect(jsonPath("$.errors[0].field").value("schemaVersion"));
		mvc.perform(get("/api/leads/C-V1").header("X-API-Key", "demo-acme-rep"))
			.andExpect(jsonPath("$.lead.company.salesRegion").value("NA"))
			.andExpect(jsonPath("$.lead.contact.country").value("US"));
	}

	@Test
	void anUnknownOrMissingColumnRejectsTheFileBeforeAnyRow() throws Exception {
		String csv = "externalId,contact.emial,contact.country,company.name,consent.status\nC-X,x@x.example,US,X,NONE\n";
		mvc.perform(post("/api/leads/import").header("X-API-Key", "demo-acme-marketer").contentType("text/csv").content(csv))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", hasItem("contact.emial")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("contact.email")));
		assertThat(jdbc.sql("SELECT COUNT(*) FROM lead WHERE external_id = 'C-X'").query(Long.class).single()).isZero();
	}

	@Test
	void otherBodiesAreRefused() throws Exception {
		mvc.perform(post("/api/leads/import").header("X-API-Key", "demo-acme-marketer")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{}")).andExpect(status().isUnsupportedMediaType());
		mvc.perform(multipart("/api/leads/import")
			.file(new MockMultipartFile("upload", "leads.csv", "text/csv", HEADER.getBytes(StandardCharsets.UTF_8)))
			.header("X-API-Key", "demo-acme-marketer"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("file"));
		mvc.perform(post("/api/leads/import").header("X-API-Key", "demo-acme-rep").contentType("text/csv").content(HEADER))
			.andExpect(status().isForbidden());
	}

	@Test
	void aLargeFileIsStreamedRowByRow() throws Exception {
		int rows = 20_000;
		var csv = new StringBuilder(HEADER.length() + rows * 160).append(HEADER);
		for (int i = 0; i < rows; i++) {
			boolean bad = i % 1000 == 999;
			csv.append("BULK-").append(i).append(",First").append(i).append(",Last,")
				.append(bad ? "broken" : "bulk" + i + "@bulk.example")
				.append(",Operations Manager,US,en,Bulk Co ").append(i % 50)
				.append(",bulk.example,logistics,").append(100 + i % 5000).append(",NA,LEAD,,NONE,,\n");
		}
		long started = System.nanoTime();
		mvc.perform(post("/api/leads/import").header("X-API-Key", "demo-acme-marketer")
			.contentType("text/csv")
			.content(csv.toString().getBytes(StandardCharsets.UTF_8)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.rows").value(rows))
			.andExpect(jsonPath("$.created").value(rows - 20))
			.andExpect(jsonPath("$.rejected").value(20))
			.andExpect(jsonPath("$.errors[0].row").value(1001))
			.andExpect(jsonPath("$.errors[0].field").value("contact.email"));
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM lead WHERE external_id LIKE 'BULK-%'").query(Long.class).single())
			.isEqualTo(rows - 20);
		System.out.println("Imported " + rows + " CSV rows in " + took.toMillis() + " ms");
	}
}
