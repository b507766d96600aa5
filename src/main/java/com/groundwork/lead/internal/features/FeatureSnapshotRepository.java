package com.groundwork.lead.internal.features;

import com.groundwork.identity.TenantId;
import com.groundwork.lead.FeatureSnapshot;
import com.groundwork.lead.FeatureValue;
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

/** Feature snapshots: inserted once, read by id within a tenant, never updated. */
@Repository
class FeatureSnapshotRepository {

	private static final TypeReference<List<FeatureValue>> VALUES = new TypeReference<>() {
	};

	private final JdbcClient jdbc;
	private final JsonMapper mapper;

	FeatureSnapshotRepository(JdbcClient jdbc, JsonMapper mapper) {
		this.jdbc = jdbc;
		this.mapper = mapper;
	}

	void insert(FeatureSnapshot snapshot, UUID leadId) {
		jdbc.sql("""
				INSERT INTO feature_snapshot (id, tenant_id, lead_id, external_id, lead_version, feature_values, content_hash, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(snapshot.id(), snapshot.tenant().value(), leadId, snapshot.externalId(), snapshot.leadVersion(),
					mapper.writeValueAsString(snapshot.values()), snapshot.contentHash(),
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
		return new FeatureSnapshot(rs.getObject("id", UUID.class), new TenantId(rs.getObject("tenant_id", UUID.class)),
				rs.getString("external_id"), rs.getLong("lead_version"),
				mapper.readValue(rs.getString("feature_values"), VALUES),
				rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getString("content_hash"));
	}
}
