package com.groundwork.lead.internal.features;

import com.groundwork.identity.TenantId;
import com.groundwork.lead.FeatureSnapshot;
import com.groundwork.lead.FeatureValue;
import com.groundwork.lead.internal.store.FieldCipher;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Feature snapshots: inserted once, read by id within a tenant, never changed but for re-encryption under a new key
 * (their values hold personal data, so they are encrypted like the lead's contract).
 */
@Repository
class FeatureSnapshotRepository {

	private static final TypeReference<List<FeatureValue>> VALUES = new TypeReference<>() {
	};

	private final JdbcClient jdbc;
	private final JsonMapper mapper;
	private final FieldCipher cipher;

	FeatureSnapshotRepository(JdbcClient jdbc, JsonMapper mapper, FieldCipher cipher) {
		this.jdbc = jdbc;
		this.mapper = mapper;
		this.cipher = cipher;
	}

	/** Re-encrypts up to {@code limit} snapshots not under the active key; the number re-encrypted. */
	int reencrypt(int limit) {
		var rows = jdbc.sql("SELECT id, feature_values FROM feature_snapshot WHERE feature_values NOT LIKE ? ORDER BY id LIMIT ?")
			.params(cipher.currentPattern(), limit)
			.query((rs, n) -> new String[] { rs.getString("id"), rs.getString("feature_values") })
			.list();
		int done = 0;
		for (var row : rows) {
			var id = UUID.fromString(row[0]);
			done += jdbc.sql("UPDATE feature_snapshot SET feature_values = ? WHERE id = ? AND feature_values = ?")
				.params(cipher.encrypt(cipher.decrypt(row[1], context(id)), context(id)), id, row[1])
				.update();
		}
		return done;
	}

	/** The lead's snapshots, oldest first (a data subject's export). */
	List<FeatureSnapshot> findForLead(TenantId tenant, UUID leadId) {
		return jdbc.sql("""
				SELECT id, tenant_id, external_id, lead_version, feature_values, content_hash, created_at
				FROM feature_snapshot WHERE tenant_id = ? AND lead_id = ? ORDER BY created_at""")
			.params(tenant.value(), leadId)
			.query(this::snapshot)
			.list();
	}

	private static String context(UUID id) {
		return "snapshot:" + id + ":values";
	}

	void insert(FeatureSnapshot snapshot, UUID leadId) {
		jdbc.sql("""
				INSERT INTO feature_snapshot (id, tenant_id, lead_id, external_id, lead_version, feature_values, content_hash, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(snapshot.id(), snapshot.tenant().value(), leadId, snapshot.externalId(), snapshot.leadVersion(),
					cipher.encrypt(mapper.writeValueAsString(snapshot.values()), context(snapshot.id())), snapshot.contentHash(),
					snapshot.createdAt().atOffset(ZoneOffset.UTC))
			.update();
	}

	Optional<FeatureSnapshot> find(TenantId tenant, UUID id) {
		return jdbc.sql("""
				SELECT id, tenant_id, external_id, lead_version, feature_values, content_hash, created_at
				FROM feature_snapshot WHERE id = ? AND tenant_id = ?""")
			.params(id, tenant.value())
			.query(this::snapshot)
			.optional();
	}

	private FeatureSnapshot snapshot(ResultSet rs, int row) throws SQLException {
		var id = rs.getObject("id", UUID.class);
		return new FeatureSnapshot(id, new TenantId(rs.getObject("tenant_id", UUID.class)),
				rs.getString("external_id"), rs.getLong("lead_version"),
				mapper.readValue(cipher.decrypt(rs.getString("feature_values"), context(id)), VALUES),
				rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getString("content_hash"));
	}
}
