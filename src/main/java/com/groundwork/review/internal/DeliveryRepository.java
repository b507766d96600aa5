package com.groundwork.review.internal;

import static com.groundwork.review.internal.ReviewRepository.at;
import static com.groundwork.review.internal.ReviewRepository.instant;

import com.groundwork.identity.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The delivery outbox. A sender takes a due delivery by moving it to SENDING with its version (two instances never
 * send the same attempt); a SENDING delivery whose attempt outlived its deadline is due again.
 */
class DeliveryRepository {

	private final JdbcClient jdbc;
	private final JsonMapper mapper;

	DeliveryRepository(JdbcClient jdbc, JsonMapper mapper) {
		this.jdbc = jdbc;
		this.mapper = mapper;
	}

	void insert(DeliveryRecord delivery) {
		jdbc.sql("""
				INSERT INTO review_delivery (id, tenant_id, item_id, draft_id, channel, status, attempts, next_attempt_at,
				  last_error, payload, created_at, delivered_at, version)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)""")
			.params(delivery.id(), delivery.tenant().value(), delivery.itemId(), delivery.draftId(), delivery.channel(),
					delivery.status(), delivery.attempts(), at(delivery.nextAttemptAt()), delivery.lastError(),
					mapper.writeValueAsString(delivery.payload()), at(delivery.createdAt()), at(delivery.deliveredAt()))
			.update();
	}

	List<DeliveryRecord> ofItem(TenantId tenant, UUID itemId) {
		return jdbc.sql("SELECT * FROM review_delivery WHERE tenant_id = ? AND item_id = ? ORDER BY channel")
			.params(tenant.value(), itemId)
			.query(this::delivery)
			.list();
	}

	Optional<DeliveryRecord> find(TenantId tenant, UUID id) {
		return jdbc.sql("SELECT * FROM review_delivery WHERE tenant_id = ? AND id = ?")
			.params(tenant.value(), id)
			.query(this::delivery)
			.optional();
	}

	/** Deliveries of every tenant whose next attempt is due (background work: each row carries its tenant). */
	List<DeliveryRecord> due(Instant now, int limit) {
		return jdbc.sql("""
				SELECT * FROM review_delivery WHERE status IN ('PENDING', 'SENDING') AND next_attempt_at <= ?
				ORDER BY next_attempt_at LIMIT ?""")
			.params(at(now), limit)
			.query(this::delivery)
			.list();
	}

	/**
	 * Takes a delivery for one attempt until {@code deadline}: a pending one, or one whose sender outlived its
	 * deadline. False when another sender took it first.
	 */
	boolean take(DeliveryRecord delivery, Instant now, Instant deadline) {
		return jdbc.sql("""
				UPDATE review_delivery SET status = 'SENDING', next_attempt_at = ?, version = version + 1
				WHERE id = ? AND version = ? AND (status = 'PENDING' OR (status = 'SENDING' AND next_attempt_at <= ?))""")
			.params(at(deadline), delivery.id(), delivery.version(), at(now))
			.update() == 1;
	}

	void delivered(UUID id, int attempts, Instant at) {
		jdbc.sql("""
				UPDATE review_delivery SET status = 'DELIVERED', attempts = ?, delivered_at = ?, last_error = NULL,
				  version = version + 1
				WHERE id = ?""")
			.params(attempts, at(at), id)
			.update();
	}

	/** A failed attempt: due again at {@code next}, or dead-lettered when {@code next} is null. */
	void failed(UUID id, int attempts, String error, @Nullable Instant next) {
		jdbc.sql("""
				UPDATE review_delivery SET status = ?, attempts = ?, last_error = ?, next_attempt_at = COALESCE(?, next_attempt_at),
				  version = version + 1
				WHERE id = ?""")
			.params(next == null ? "DEAD" : "PENDING", attempts,
					error.length() > 1000 ? error.substring(0, 1000) : error, at(next), id)
			.update();
	}

	/**
	 * Puts a dead-lettered delivery back in line with fresh attempts, due for the background sender at
	 * {@code fallback}; false when it is not dead.
	 */
	boolean redeliver(TenantId tenant, UUID id, Instant fallback) {
		return jdbc.sql("""
				UPDATE review_delivery SET status = 'PENDING', attempts = 0, next_attempt_at = ?, version = version + 1
				WHERE tenant_id = ? AND id = ? AND status = 'DEAD'""")
			.params(at(fallback), tenant.value(), id)
			.update() == 1;
	}

	private DeliveryRecord delivery(ResultSet rs, int row) throws SQLException {
		return new DeliveryRecord(rs.getObject("id", UUID.class), new TenantId(rs.getObject("tenant_id", UUID.class)),
				rs.getObject("item_id", UUID.class), rs.getObject("draft_id", UUID.class), rs.getString("channel"),
				rs.getString("status"), rs.getInt("attempts"), instant(rs, "next_attempt_at"),
				rs.getString("last_error"), mapper.readValue(rs.getString("payload"), DeliveryRecord.Message.class),
				instant(rs, "created_at"), instant(rs, "delivered_at"), rs.getLong("version"));
	}
}
