package com.groundwork.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.groundwork.identity.TenantId;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** Feature snapshots through the module's public API: point-in-time, immutable, minimized for generation. */
@SpringBootTest
@AutoConfigureMockMvc
class LeadFeatureSnapshotTests {

	@Autowired
	LeadFeatures features;

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	TenantId tenant(String slug) {
		return new TenantId(jdbc.sql("SELECT id FROM tenant WHERE slug = ?").param(slug).query(UUID.class).single());
	}

	void putLead(String externalId, String body) throws Exception {
		mvc.perform(put("/api/leads/" + externalId).header("X-API-Key", "demo-acme-marketer")
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)).andExpect(status().is2xxSuccessful());
	}

	@Test
	void aSnapshotHoldsEveryRegisteredFeatureWithItsVersionAndPiiClass() throws Exception {
		putLead("SNAP-1", LeadApiTests.v2("SNAP-1").replace("\"notes\"", "\"lastTouchAt\":\"2026-01-01\",\"notes\""));
		var snapshot = features.snapshot(tenant("acme"), "SNAP-1");

		assertThat(snapshot.externalId()).isEqualTo("SNAP-1");
		assertThat(snapshot.leadVersion()).isEqualTo(1);
		assertThat(snapshot.contentHash()).matches("[0-9a-f]{64}");
		assertThat(snapshot.value("company.industry")).hasValueSatisfying(value -> {
			assertThat(value.value()).isEqualTo("logistics");
			assertThat(value.key()).isEqualTo("company.industry@1");
			assertThat(value.pii()).isEqualTo(PiiClass.NONE);
		});
		assertThat(snapshot.value("company.size-band")).get().extracting(FeatureValue::value).isEqualTo("1000-4999");
		assertThat(snapshot.value("contact.seniority")).get().extracting(FeatureValue::value).isEqualTo("vp");
		assertThat(snapshot.value("crm.intent-signals")).get().extracting(FeatureValue::value).isEqualTo("security-review");
		assertThat(snapshot.value("crm.days-since-last-touch")).get()
			.extracting(value -> Long.parseLong(value.value()))
			.satisfies(days -> assertThat(days).isPositive());
		assertThat(snapshot.value("contact.email")).get().extracting(FeatureValue::pii).isEqualTo(PiiClass.PERSONAL);
		assertThat(snapshot.value("crm.notes")).get().extracting(FeatureValue::pii).isEqualTo(PiiClass.SENSITIVE);
		assertThat(snapshot.value("company.revenue-band")).as("no value, no feature").isEmpty();
	}

	@Test
	void theMinimizedViewHoldsOnlyFeaturesAllowedForGeneration() throws Exception {
		putLead("SNAP-2", LeadApiTests.v2("SNAP-2"));
		var minimized = features.snapshot(tenant("acme"), "SNAP-2").minimized();

		assertThat(minimized.values()).allSatisfy(value -> assertThat(value.allowedForGeneration()).isTrue());
		assertThat(minimized.values()).extracting(FeatureValue::name)
			.contains("contact.first-name", "contact.title", "company.industry", "company.size-band", "crm.intent-signals")
			.doesNotContain("contact.email", "contact.last-name", "contact.country", "crm.notes", "crm.owner-email",
					"crm.stage", "consent.status");
		assertThat(minimized.values()).extracting(FeatureValue::value)
			.doesNotContain("dana@northwind.example", "Reyes", "Asked about SOC 2 at the webinar");
	}

	@Test
	void aSnapshotNeverChangesAfterItWasTaken() throws Exception {
		var acme = tenant("acme");
		putLead("SNAP-3", LeadApiTests.v2("SNAP-3"));
		var before = features.snapshot(acme, "SNAP-3");
		var again = features.snapshot(acme, "SNAP-3");
		assertThat(again.id()).isNotEqualTo(before.id());
		assertThat(again.contentHash()).as("same content, same hash").isEqualTo(before.contentHash());

		putLead("SNAP-3", LeadApiTests.v2("SNAP-3").replace("\"logistics\"", "\"retail\""));
		var after = features.snapshot(acme, "SNAP-3");
		assertThat(after.leadVersion()).isEqualTo(2);
		assertThat(after.value("company.industry")).get().extracting(FeatureValue::value).isEqualTo("retail");
		assertThat(after.contentHash()).isNotEqualTo(before.contentHash());

		var stored = features.findSnapshot(acme, before.id()).orElseThrow();
		assertThat(stored).isEqualTo(before);
		assertThat(stored.value("company.industry")).get().extracting(FeatureValue::value).isEqualTo("logistics");
		assertThatThrownBy(() -> stored.values().clear()).isInstanceOf(UnsupportedOperationException.class);
	}

	@Test
	void snapshotsAreTenantScoped() throws Exception {
		putLead("SNAP-4", LeadApiTests.v2("SNAP-4"));
		var snapshot = features.snapshot(tenant("acme"), "SNAP-4");
		assertThat(features.findSnapshot(tenant("globex"), snapshot.id())).isEmpty();
		assertThatThrownBy(() -> features.snapshot(tenant("globex"), "SNAP-4")).isInstanceOf(LeadNotFoundException.class);
	}

	@Test
	void theRegistryIsPublished() throws Exception {
		mvc.perform(get("/api/features").header("X-API-Key", "demo-acme-reviewer"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.name == 'crm.notes')].pii").value(org.hamcrest.Matchers.hasItem("SENSITIVE")))
			.andExpect(jsonPath("$[?(@.name == 'crm.notes')].allowedForGeneration").value(org.hamcrest.Matchers.hasItem(false)))
			.andExpect(jsonPath("$[?(@.name == 'company.size-band')].freshness").value(org.hamcrest.Matchers.hasItem("PT8760H")));
	}
}
