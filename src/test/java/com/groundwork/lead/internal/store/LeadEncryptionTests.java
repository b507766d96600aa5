package com.groundwork.lead.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.groundwork.identity.Tenants;
import com.groundwork.lead.LeadFeatures;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Sensitive lead fields at rest, with two configured keys: new rows are under the active key ({@code k2}), rows under
 * the retired key ({@code k1}) and rows written before encryption still read, and rotation re-encrypts them all under
 * {@code k2}; a ciphertext moved to another row does not decrypt.
 */
@SpringBootTest(properties = { "groundwork.lead.encryption.keys.k1=" + LeadEncryptionTests.K1,
		"groundwork.lead.encryption.keys.k2=" + LeadEncryptionTests.K2, "groundwork.lead.encryption.active-key=k2",
		"groundwork.lead.encryption.rotation-interval=0s" })
@AutoConfigureMockMvc
class LeadEncryptionTests {

	static final String K1 = "MTExMTExMTExMTExMTExMTExMTExMTExMTExMTExMTE=";

	static final String K2 = "MjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjI=";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	KeyRotation rotation;

	@Test
	void leadsAreStoredEncryptedAndRotatedFromTheRetiredKey(@Autowired LeadFeatures features,
			@Autowired Tenants tenants) throws Exception {
		var id = store("ENC-1", "ines.encrypted@example.org");
		var row = jdbc.sql("SELECT contract, email, email_hash FROM lead WHERE id = ?").param(id).query().singleRow();
		assertThat((String) row.get("contract")).startsWith("gw1:k2:").doesNotContain("ines", "Encrypted Freight");
		assertThat((String) row.get("email")).startsWith("gw1:k2:").doesNotContain("ines");
		assertThat(((String) row.get("email_hash")).strip()).hasSize(64);
		var acme = tenants.all().stream().filter(tenant -> tenant.slug().equals("acme")).findFirst().orElseThrow().id();
		var snapshot = features.snapshot(acme, "ENC-1");
		assertThat(jdbc.sql("SELECT feature_values FROM feature_snapshot WHERE id = ?").param(snapshot.id())
			.query(String.class).single()).startsWith("gw1:k2:").doesNotContain("Ines");

		// As if written while k1 was the active key, and another lead written before encryption existed.
		var retired = new FieldCipher(Map.of("k1", K1, "k2", K2), "k1");
		var plainId = store("ENC-2", "plain.legacy@example.org");
		var k2 = new FieldCipher(Map.of("k1", K1, "k2", K2), "k2");
		String contract = k2.decrypt((String) row.get("contract"), "lead:" + id + ":contract");
		jdbc.sql("UPDATE lead SET contract = ?, email = ? WHERE id = ?")
			.params(retired.encrypt(contract, "lead:" + id + ":contract"),
					retired.encrypt("ines.encrypted@example.org", "lead:" + id + ":email"), id)
			.update();
		String plainContract = k2.decrypt(jdbc.sql("SELECT contract FROM lead WHERE id = ?").param(plainId)
			.query(String.class).single(), "lead:" + plainId + ":contract");
		jdbc.sql("UPDATE lead SET contract = ?, email = ?, email_hash = NULL WHERE id = ?")
			.params(plainContract, "plain.legacy@example.org", plainId)
			.update();
		jdbc.sql("UPDATE feature_snapshot SET feature_values = ? WHERE id = ?")
			.params(retired.encrypt(k2.decrypt(jdbc.sql("SELECT feature_values FROM feature_snapshot WHERE id = ?")
				.param(snapshot.id()).query(String.class).single(), "snapshot:" + snapshot.id() + ":values"),
					"snapshot:" + snapshot.id() + ":values"), snapshot.id())
			.update();

		mvc.perform(get("/api/leads/ENC-1").header("X-API-Key", "demo-acme-rep"))
			.andExpect(jsonPath("$.lead.contact.email").value("ines.encrypted@example.org"));
		mvc.perform(get("/api/leads/ENC-2").header("X-API-Key", "demo-acme-rep"))
			.andExpect(jsonPath("$.lead.contact.email").value("plain.legacy@example.org"));

		assertThat(rotation.rotate()).isGreaterThanOrEqualTo(3);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM lead WHERE contract NOT LIKE 'gw1:k2:%' OR email NOT LIKE 'gw1:k2:%' "
				+ "OR email_hash IS NULL").query(Long.class).single()).isZero();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM feature_snapshot WHERE feature_values NOT LIKE 'gw1:k2:%'")
			.query(Long.class).single()).isZero();
		mvc.perform(get("/api/leads/ENC-1").header("X-API-Key", "demo-acme-rep"))
			.andExpect(jsonPath("$.lead.contact.email").value("ines.encrypted@example.org"))
			.andExpect(jsonPath("$.lead.company.name").value("Encrypted Freight"));
		mvc.perform(get("/api/leads/ENC-2").header("X-API-Key", "demo-acme-rep"))
			.andExpect(jsonPath("$.lead.contact.email").value("plain.legacy@example.org"));
		assertThat(features.findSnapshot(acme, snapshot.id())).contains(snapshot);
		assertThat(rotation.rotate()).isZero();
	}

	@Test
	void aCiphertextIsBoundToItsRowAndNeedsItsKey() {
		var both = new FieldCipher(Map.of("k1", K1, "k2", K2), "k2");
		var sealed = both.encrypt("secret@example.org", "lead:a:email");
		assertThat(sealed).startsWith("gw1:k2:").doesNotContain("secret");
		assertThat(both.decrypt(sealed, "lead:a:email")).isEqualTo("secret@example.org");
		assertThat(both.encrypt("secret@example.org", "lead:a:email")).isNotEqualTo(sealed); // a fresh nonce each time
		assertThatThrownBy(() -> both.decrypt(sealed, "lead:b:email")).hasMessageContaining("moved between rows");
		assertThatThrownBy(() -> new FieldCipher(Map.of("k1", K1), "k1").decrypt(sealed, "lead:a:email"))
			.hasMessageContaining("'k2'");
		assertThatThrownBy(() -> new FieldCipher(Map.of("k1", "c2hvcnQ="), "k1")).hasMessageContaining("32 bytes");
		assertThatThrownBy(() -> new FieldCipher(Map.of("k1", K1), "k9")).hasMessageContaining("active-key");
	}

	private UUID store(String externalId, String email) throws Exception {
		mvc.perform(put("/api/leads/" + externalId).header("X-API-Key", "demo-acme-marketer")
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"schemaVersion":2,"externalId":"%s","contact":{"firstName":"Ines","email":"%s","country":"US"},
					 "company":{"name":"Encrypted Freight","industry":"logistics"},"consent":{"status":"NONE"}}"""
				.formatted(externalId, email)))
			.andExpect(status().isCreated());
		return jdbc.sql("SELECT id FROM lead WHERE external_id = ?").param(externalId).query(UUID.class).single();
	}
}
