package com.groundwork.review.internal;

import static com.groundwork.review.internal.ReviewRepository.at;
import static com.groundwork.review.internal.ReviewRepository.instant;

import com.groundwork.identity.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The outbox channel's messages; every query is scoped by tenant. */
class OutboxRepository {

	private final JdbcClient jdbc;

	OutboxRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(OutboxMessage message) {
		jdbc.sql("""
				INSERT INTO review_outbox (id, tenant_id, item_id, draft_id, lead_external_id, message_id, mail_from,
				  mail_to, subject, message, stored_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(message.id(), message.tenant().value(), message.itemId(), message.draftId(),
					message.leadExternalId(), message.messageId(), message.from(), message.to(), message.subject(),
					message.message(), at(message.storedAt()))
			.update();
	}

	boolean exists(TenantId tenant, UUID id) {
		return jdbc.sql("SELECT COUNT(*) FROM review_outbox WHERE tenant_id = ? AND id = ?")
			.params(tenant.value(), id)
			.query(Long.class)
			.single() > 0;
	}

	Optional<OutboxMessage> find(TenantId tenant, UUID id) {
		return jdbc.sql("SELECT * FROM review_outbox WHERE tenant_id = ? AND id = ?")
			.params(tenant.value(), id)
			.query(this::message)
			.optional();
	}

	/** The tenant's newest messages first. */
	List<OutboxMessage> latest(TenantId tenant, int limit) {
		return jdbc.sql("SELECT * FROM review_outbox WHERE tenant_id = ? ORDER BY stored_at DESC, id LIMIT ?")
			.params(tenant.value(), limit)
			.query(this::message)
			.list();
	}

	long count(TenantId tenant) {
		return jdbc.sql("SELECT COUNT(*) FROM review_outbox WHERE tenant_id = ?")
			.params(tenant.value())
			.query(Long.class)
			.single();
	}

	private OutboxMessage message(ResultSet rs, int row) throws SQLException {
		return new OutboxMessage(rs.getObject("id", UUID.class), new TenantId(rs.getObject("tenant_id", UUID.class)),
				rs.getObject("item_id", UUID.class), rs.getObject("draft_id", UUID.class),
				rs.getString("lead_external_id"), rs.getString("message_id"), rs.getString("mail_from"),
				rs.getString("mail_to"), rs.getString("subject"), rs.getString("message"), instant(rs, "stored_at"));
	}
}
