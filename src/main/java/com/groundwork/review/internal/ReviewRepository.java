package com.groundwork.review.internal;

import com.groundwork.identity.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Review items, their decisions and campaign labels, always within one tenant. Every change of an item is one
 * {@code UPDATE … WHERE version = ?} that moves {@code state} and records the old one in {@code previous_state}; the
 * database refuses pairs that are not in {@code review_transition}.
 */
class ReviewRepository {

	private static final String ITEM = "SELECT * FROM review_item ";

	private final JdbcClient jdbc;
	private final JsonMapper mapper;

	ReviewRepository(JdbcClient jdbc, JsonMapper mapper) {
		this.jdbc = jdbc;
		this.mapper = mapper;
	}

	/** Inserts an item that was just checked: it enters from GENERATED. */
	void insert(ReviewItem item) {
		jdbc.sql("""
				INSERT INTO review_item (id, tenant_id, draft_id, state, previous_state, version, verdict, findings, rule_ids,
				  lead_external_id, lead_score, angle, channel, campaign, requested_by, queued_at, updated_at, email_score)
				VALUES (?, ?, ?, ?, 'GENERATED', 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(item.id(), item.tenant().value(), item.draftId(), item.state().name(), item.verdict(),
					item.findings(), String.join(",", item.ruleIds()), item.leadExternalId(), item.leadScore(),
					item.angle(), item.channel(), item.campaign(), item.requestedBy(), at(item.queuedAt()),
					at(item.updatedAt()), item.emailScore())
			.update();
		addDraft(item.tenant(), item.draftId(), item.id());
	}

	void addDraft(TenantId tenant, UUID draftId, UUID itemId) {
		jdbc.sql("INSERT INTO review_item_draft (draft_id, tenant_id, item_id) VALUES (?, ?, ?)")
			.params(draftId, tenant.value(), itemId)
			.update();
	}

	/** The item whose current draft this is. */
	Optional<ReviewItem> findByDraft(TenantId tenant, UUID draftId) {
		return jdbc.sql(ITEM + "WHERE tenant_id = ? AND draft_id = ?").params(tenant.value(), draftId).query(this::item).optional();
	}

	/** The item that has, or had, this draft. */
	Optional<ReviewItem> findByAnyDraft(TenantId tenant, UUID draftId) {
		return jdbc.sql(ITEM + "WHERE tenant_id = ? AND id = (SELECT item_id FROM review_item_draft WHERE draft_id = ? AND tenant_id = ?)")
			.params(tenant.value(), draftId, tenant.value())
			.query(this::item)
			.optional();
	}

	Optional<ReviewItem> findById(TenantId tenant, UUID itemId) {
		return jdbc.sql(ITEM + "WHERE tenant_id = ? AND id = ?").params(tenant.value(), itemId).query(this::item).optional();
	}

	/** The item waiting in REWORK for this regenerated draft. */
	Optional<ReviewItem> findByReworkDraft(TenantId tenant, UUID draftId) {
		return jdbc.sql(ITEM + "WHERE tenant_id = ? AND rework_draft_id = ?")
			.params(tenant.value(), draftId)
			.query(this::item)
			.optional();
	}

	/**
	 * Moves an item from the state and version it was read in to {@code to}, setting the given columns.
	 * @return false when the item changed since it was read (another reviewer, an expired lease): re-read it
	 */
	boolean move(ReviewItem from, ReviewState to, Instant now, Map<Column, @Nullable Object> changes) {
		var sql = new StringBuilder("UPDATE review_item SET previous_state = state, state = ?, version = version + 1, updated_at = ?");
		var params = new ArrayList<@Nullable Object>(List.of(to.name(), at(now)));
		changes.forEach((column, value) -> {
			sql.append(", ").append(column.sql).append(" = ?");
			params.add(value instanceof Instant instant ? at(instant) : value);
		});
		sql.append(" WHERE id = ? AND tenant_id = ? AND version = ? AND state = ?");
		params.addAll(List.of(from.id(), from.tenant().value(), from.version(), from.state().name()));
		return jdbc.sql(sql.toString()).params(params).update() == 1;
	}

	/** Records the regenerated draft of an item in REWORK (no move: the item waits for its check). */
	boolean linkRework(ReviewItem item, UUID draftId, Instant now) {
		return jdbc.sql("""
				UPDATE review_item SET rework_draft_id = ?, version = version + 1, updated_at = ?
				WHERE id = ? AND tenant_id = ? AND version = ? AND state = 'REWORK'""")
			.params(draftId, at(now), item.id(), item.tenant().value(), item.version())
			.update() == 1;
	}

	/** The columns a move may set (names never come from input). */
	enum Column {
		DRAFT_ID("draft_id"), VERDICT("verdict"), FINDINGS("findings"), RULE_IDS("rule_ids"), LEAD_SCORE("lead_score"),
		CLAIMED_BY("claimed_by"), LEASE_EXPIRES_AT("lease_expires_at"), APPROVED_BY("approved_by"),
		APPROVED_AT("approved_at"), APPROVED_SUBJECT("approved_subject"), APPROVED_BODY("approved_body"),
		RELEASED_AT("released_at"), RECIPIENT_EMAIL("recipient_email"), REJECTION_REASON("rejection_reason"),
		REWORK_DRAFT_ID("rework_draft_id"), REWORK_ERROR("rework_error"), CAMPAIGN("campaign"),
		EMAIL_SCORE("email_score");

		private final String sql;

		Column(String sql) {
			this.sql = sql;
		}
	}

	/** Column, value, column, value, …; a null value sets SQL NULL. */
	static Map<Column, @Nullable Object> set(@Nullable Object... pairs) {
		var changes = new LinkedHashMap<Column, @Nullable Object>();
		for (int i = 0; i < pairs.length; i += 2) {
			changes.put((Column) java.util.Objects.requireNonNull(pairs[i]), pairs[i + 1]);
		}
		return changes;
	}

	/** A column-only change that is no move (the campaign label). */
	void label(TenantId tenant, UUID draftId, String campaign) {
		int updated = jdbc.sql("UPDATE review_campaign_label SET campaign = ? WHERE draft_id = ? AND tenant_id = ?")
			.params(campaign, draftId, tenant.value())
			.update();
		if (updated == 0) {
			jdbc.sql("INSERT INTO review_campaign_label (draft_id, tenant_id, campaign) VALUES (?, ?, ?)")
				.params(draftId, tenant.value(), campaign)
				.update();
		}
		jdbc.sql("UPDATE review_item SET campaign = ? WHERE tenant_id = ? AND id = (SELECT item_id FROM review_item_draft WHERE draft_id = ? AND tenant_id = ?)")
			.params(campaign, tenant.value(), draftId, tenant.value())
			.update();
	}

	Optional<String> campaignOf(TenantId tenant, UUID draftId) {
		return jdbc.sql("SELECT campaign FROM review_campaign_label WHERE draft_id = ? AND tenant_id = ?")
			.params(draftId, tenant.value())
			.query(String.class)
			.optional();
	}

	/**
	 * The queue: items waiting for a reviewer or claimed, in the filter's order: by priority (overdue ones first,
	 * oldest first, then by lead score and age) or by email score (unscored drafts last, then by age).
	 */
	List<ReviewItem> queue(TenantId tenant, QueueFilter filter, Instant overdueBefore, int limit) {
		var sql = new StringBuilder(ITEM + "WHERE tenant_id = ? AND state IN (");
		var params = new ArrayList<Object>(List.of(tenant.value()));
		var states = filter.states();
		for (int i = 0; i < states.size(); i++) {
			sql.append(i == 0 ? "?" : ", ?");
			params.add(states.get(i).name());
		}
		sql.append(")");
		if (filter.campaign() != null) {
			sql.append(" AND campaign = ?");
			params.add(filter.campaign());
		}
		if (filter.verdict() != null) {
			sql.append(" AND verdict = ?");
			params.add(filter.verdict());
		}
		if (filter.angle() != null) {
			sql.append(" AND angle = ?");
			params.add(filter.angle());
		}
		if (filter.order() == QueueOrder.PRIORITY) {
			sql.append("""
					 ORDER BY CASE WHEN queued_at <= ? THEN 0 ELSE 1 END,
					   CASE WHEN queued_at <= ? THEN queued_at END ASC, lead_score DESC, queued_at ASC, id
					 LIMIT ?""");
			params.addAll(List.of(at(overdueBefore), at(overdueBefore), limit));
		}
		else {
			// NULLs sort differently in H2 and PostgreSQL: put unscored items last explicitly
			sql.append(" ORDER BY CASE WHEN email_score IS NULL THEN 1 ELSE 0 END, email_score")
				.append(filter.order() == QueueOrder.SCORE ? " DESC" : " ASC")
				.append(", queued_at ASC, id LIMIT ?");
			params.add(limit);
		}
		return jdbc.sql(sql.toString()).params(params).query(this::item).list();
	}

	/** The filters of the queue; null means any. */
	record QueueFilter(List<ReviewState> states, @Nullable String campaign, @Nullable String verdict,
			@Nullable String angle, QueueOrder order) {
		QueueFilter {
			states = List.copyOf(states);
		}

		QueueFilter(List<ReviewState> states, @Nullable String campaign, @Nullable String verdict,
				@Nullable String angle) {
			this(states, campaign, verdict, angle, QueueOrder.PRIORITY);
		}
	}

	/**
	 * How the queue is ordered: {@code priority} (SLA, then lead score: the default), {@code score} (email score,
	 * best first) or {@code score-asc} (lowest first: the drafts that need the most work).
	 */
	enum QueueOrder {
		PRIORITY("priority"), SCORE("score"), SCORE_ASC("score-asc");

		final String param;

		QueueOrder(String param) {
			this.param = param;
		}

		static java.util.Optional<QueueOrder> of(String param) {
			return java.util.Arrays.stream(values()).filter(order -> order.param.equals(param)).findFirst();
		}
	}

	List<ReviewItem> expiredLeases(TenantId tenant, Instant now) {
		return jdbc.sql(ITEM + "WHERE tenant_id = ? AND state = 'IN_REVIEW' AND lease_expires_at <= ?")
			.params(tenant.value(), at(now))
			.query(this::item)
			.list();
	}

	/** Tenants that have expired leases, for the background sweep. */
	List<TenantId> tenantsWithExpiredLeases(Instant now) {
		return jdbc.sql("SELECT DISTINCT tenant_id FROM review_item WHERE state = 'IN_REVIEW' AND lease_expires_at <= ?")
			.params(at(now))
			.query((rs, row) -> new TenantId(rs.getObject(1, UUID.class)))
			.list();
	}

	void insert(TenantId tenant, Decision decision) {
		jdbc.sql("""
				INSERT INTO review_decision (id, tenant_id, item_id, draft_id, action, from_state, to_state, actor, decided_at,
				  reason, comment, original_subject, original_body, final_subject, final_body, diff, edit_distance, findings)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(decision.id(), tenant.value(), decision.itemId(), decision.draftId(), decision.action(),
					decision.from() == null ? null : decision.from().name(),
					decision.to() == null ? null : decision.to().name(), decision.actor(), at(decision.at()),
					decision.reason(), decision.comment(), decision.originalSubject(), decision.originalBody(),
					decision.finalSubject(), decision.finalBody(),
					decision.diff() == null ? null : mapper.writeValueAsString(decision.diff()), decision.editDistance(),
					decision.findings().isEmpty() ? null : mapper.writeValueAsString(decision.findings()))
			.update();
	}

	List<Decision> decisions(TenantId tenant, UUID itemId) {
		return jdbc.sql("SELECT * FROM review_decision WHERE tenant_id = ? AND item_id = ? ORDER BY seq")
			.params(tenant.value(), itemId)
			.query(this::decision)
			.list();
	}

	private ReviewItem item(ResultSet rs, int row) throws SQLException {
		var rules = rs.getString("rule_ids");
		return new ReviewItem(rs.getObject("id", UUID.class), new TenantId(rs.getObject("tenant_id", UUID.class)),
				rs.getObject("draft_id", UUID.class), ReviewState.valueOf(rs.getString("state")), rs.getLong("version"),
				rs.getString("verdict"), rs.getInt("findings"),
				rules == null || rules.isBlank() ? List.of() : Arrays.asList(rules.split(",")),
				rs.getString("lead_external_id"), rs.getInt("lead_score"), rs.getString("angle"),
				rs.getString("channel"), rs.getString("campaign"), rs.getString("requested_by"),
				instant(rs, "queued_at"), instant(rs, "updated_at"), rs.getString("claimed_by"),
				instant(rs, "lease_expires_at"), rs.getString("approved_by"), instant(rs, "approved_at"),
				rs.getString("approved_subject"), rs.getString("approved_body"), instant(rs, "released_at"),
				rs.getString("recipient_email"), rs.getString("rejection_reason"),
				rs.getObject("rework_draft_id", UUID.class), rs.getString("rework_error"),
				rs.getObject("email_score", Integer.class));
	}

	private Decision decision(ResultSet rs, int row) throws SQLException {
		var from = rs.getString("from_state");
		var to = rs.getString("to_state");
		var diff = rs.getString("diff");
		var findings = rs.getString("findings");
		var distance = rs.getObject("edit_distance", Integer.class);
		return new Decision(rs.getObject("id", UUID.class), rs.getObject("item_id", UUID.class),
				rs.getObject("draft_id", UUID.class), rs.getString("action"),
				from == null ? null : ReviewState.valueOf(from), to == null ? null : ReviewState.valueOf(to),
				rs.getString("actor"), instant(rs, "decided_at"), rs.getString("reason"), rs.getString("comment"),
				rs.getString("original_subject"), rs.getString("original_body"), rs.getString("final_subject"),
				rs.getString("final_body"), diff == null ? null : mapper.readValue(diff, Decision.Diff.class),
				distance,
				findings == null ? List.of() : mapper.readValue(findings, new TypeReference<List<FindingView>>() {
				}));
	}

	static @Nullable OffsetDateTime at(@Nullable Instant instant) {
		return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
	}

	static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		var value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}
}
