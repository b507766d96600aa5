package com.groundwork.campaign.internal;

import com.groundwork.identity.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** Campaign rows. Reads take the tenant; the workers' reads across tenants say so in their names. */
class CampaignRepository {

	private final JdbcClient jdbc;
	private final JsonMapper mapper;

	CampaignRepository(JdbcClient jdbc, JsonMapper mapper) {
		this.jdbc = jdbc;
		this.mapper = mapper;
	}

	/** @throws org.springframework.dao.DuplicateKeyException when the tenant used the idempotency key before */
	void insert(Campaign campaign) {
		jdbc.sql("""
				INSERT INTO campaign (id, tenant_id, name, angle, prompt_variant, status, idempotency_key, items,
				  created_by, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)""")
			.params(campaign.id(), campaign.tenant().value(), campaign.name(), campaign.angle(),
					campaign.promptVariant(), campaign.status().name(), campaign.idempotencyKey(), campaign.createdBy(),
					utc(campaign.createdAt()), utc(campaign.updatedAt()))
			.update();
	}

	Optional<Campaign> find(TenantId tenant, UUID id) {
		return jdbc.sql("SELECT * FROM campaign WHERE id = ? AND tenant_id = ?")
			.params(id, tenant.value())
			.query(this::campaign)
			.optional();
	}

	Optional<Campaign> findByIdempotencyKey(TenantId tenant, String key) {
		return jdbc.sql("SELECT * FROM campaign WHERE tenant_id = ? AND idempotency_key = ?")
			.params(tenant.value(), key)
			.query(this::campaign)
			.optional();
	}

	/** The tenant's campaigns, newest first. */
	List<Campaign> list(TenantId tenant, int limit) {
		return jdbc.sql("SELECT * FROM campaign WHERE tenant_id = ? ORDER BY created_at DESC, id LIMIT ?")
			.params(tenant.value(), limit)
			.query(this::campaign)
			.list();
	}

	/** Name, angle and variant once a JSON body gave them (they may follow the leads in it). */
	void describe(TenantId tenant, UUID id, String name, String angle, @Nullable String promptVariant, Instant now) {
		jdbc.sql("UPDATE campaign SET name = ?, angle = ?, prompt_variant = ?, updated_at = ? WHERE id = ? AND tenant_id = ?")
			.params(name, angle, promptVariant, utc(now), id, tenant.value())
			.update();
	}

	/** A sign of life of the import, after each stored batch. */
	void touch(UUID id, long items, Instant now) {
		jdbc.sql("UPDATE campaign SET items = ?, updated_at = ? WHERE id = ?").params(items, utc(now), id).update();
	}

	/** Ends the import: the campaign runs (or, without items, is complete at once). */
	void imported(TenantId tenant, UUID id, String requestHash, ImportSummary summary, CampaignStatus status,
			Instant now) {
		jdbc.sql("""
				UPDATE campaign SET status = ?, request_hash = ?, import_report = ?, items = ?, updated_at = ?,
				  started_at = ? WHERE id = ? AND tenant_id = ? AND status = 'IMPORTING'""")
			.params(status.name(), requestHash, mapper.writeValueAsString(summary), summary.accepted(), utc(now),
					utc(now), id, tenant.value())
			.update();
	}

	/** Drops an import that failed or was abandoned by its instance; its items go with it. */
	void delete(TenantId tenant, UUID id) {
		jdbc.sql("DELETE FROM campaign_item WHERE campaign_id = ? AND tenant_id = ?").params(id, tenant.value()).update();
		jdbc.sql("DELETE FROM campaign WHERE id = ? AND tenant_id = ?").params(id, tenant.value()).update();
	}

	/** Moves the campaign from one of {@code from} to {@code to}; false when it was in none of them. */
	boolean transition(TenantId tenant, UUID id, List<CampaignStatus> from, CampaignStatus to, Instant now) {
		var states = from.stream().map(status -> "'" + status.name() + "'").toList();
		return jdbc.sql("UPDATE campaign SET status = ?, updated_at = ? WHERE id = ? AND tenant_id = ? AND status IN ("
				+ String.join(", ", states) + ")")
			.params(to.name(), utc(now), id, tenant.value())
			.update() == 1;
	}

	/** Marks it finished once (the caller publishes CampaignCompleted in the same transaction when this is true). */
	boolean finish(UUID id, CampaignStatus from, CampaignStatus to, Instant now) {
		return jdbc.sql("""
				UPDATE campaign SET status = ?, finished_at = ?, updated_at = ?
				WHERE id = ? AND status = ? AND finished_at IS NULL""")
			.params(to.name(), utc(now), utc(now), id, from.name())
			.update() == 1;
	}

	/** Every tenant's campaigns whose items are being drafted or may still finish: what the workers look at. */
	List<Campaign> unfinishedAcrossTenants() {
		return jdbc.sql("""
				SELECT * FROM campaign WHERE status IN ('RUNNING', 'CANCELLED', 'PAUSED') AND finished_at IS NULL
				ORDER BY created_at, id""")
			.query(this::campaign)
			.list();
	}

	/** Imports whose instance went silent before {@code before}. */
	List<Campaign> abandonedImportsAcrossTenants(Instant before) {
		return jdbc.sql("SELECT * FROM campaign WHERE status = 'IMPORTING' AND updated_at < ?")
			.params(utc(before))
			.query(this::campaign)
			.list();
	}

	private Campaign campaign(ResultSet rs, int row) throws SQLException {
		var report = rs.getString("import_report");
		return new Campaign(rs.getObject("id", UUID.class), new TenantId(rs.getObject("tenant_id", UUID.class)),
				rs.getString("name"), rs.getString("angle"), rs.getString("prompt_variant"),
				CampaignStatus.valueOf(rs.getString("status")), rs.getString("idempotency_key"),
				rs.getString("request_hash"), report == null ? null : mapper.readValue(report, ImportSummary.class),
				rs.getLong("items"), rs.getString("created_by"), instant(rs, "created_at"), instant(rs, "updated_at"),
				instant(rs, "started_at"), instant(rs, "finished_at"));
	}

	static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		var value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

	static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
		return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
	}
}
