package com.groundwork.campaign.internal;

import static com.groundwork.campaign.internal.CampaignRepository.instant;
import static com.groundwork.campaign.internal.CampaignRepository.utc;

import com.groundwork.identity.TenantId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Campaign items: created in batches during the import, claimed with {@code SELECT … FOR UPDATE SKIP LOCKED} (H2 2.x
 * and PostgreSQL both have it) into leases that a heartbeat extends, and completed only by their lease holder.
 */
class ItemRepository {

	private final JdbcClient jdbc;
	private final JdbcTemplate template;
	private final TransactionTemplate transactions;

	ItemRepository(JdbcClient jdbc, JdbcTemplate template, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.template = template;
		this.transactions = transactions;
	}

	/** A lead of the import to become an item. */
	record NewItem(long seq, String leadExternalId) {
	}

	/**
	 * Creates the items in the caller's transaction; a lead already in the campaign is skipped.
	 * @return the leads that were skipped as duplicates
	 */
	List<NewItem> insert(TenantId tenant, UUID campaignId, List<NewItem> items, Instant now) {
		var rows = template.batchUpdate("""
				INSERT INTO campaign_item (id, campaign_id, tenant_id, seq, lead_external_id, draft_id, state, due_at)
				VALUES (?, ?, ?, ?, ?, ?, 'PENDING', ?) ON CONFLICT DO NOTHING""", items, items.size(),
				(statement, item) -> {
					statement.setObject(1, UUID.randomUUID());
					statement.setObject(2, campaignId);
					statement.setObject(3, tenant.value());
					statement.setLong(4, item.seq());
					statement.setString(5, item.leadExternalId());
					statement.setObject(6, UUID.randomUUID());
					statement.setObject(7, utc(now));
				});
		var duplicates = new ArrayList<NewItem>();
		int i = 0;
		for (int[] chunk : rows) {
			for (int count : chunk) {
				if (count == 0) {
					duplicates.add(items.get(i));
				}
				i++;
			}
		}
		return duplicates;
	}

	/**
	 * Leases up to {@code limit} due pending items of a running campaign to {@code owner} until {@code leaseUntil}.
	 * Rows another transaction is claiming are skipped, not waited for, so instances never hand out one item twice.
	 * <p>
	 * Two steps: the first due items in order, read without locks along the index {@code campaign_item_claim} (V15),
	 * then those of them still pending locked with {@code FOR UPDATE SKIP LOCKED}. One locking query with
	 * {@code ORDER BY … LIMIT} would do on PostgreSQL, but H2 sorts a {@code FOR UPDATE} result itself and so locks every
	 * pending item of the campaign on each claim, which cost a campaign a tenth of its CPU.
	 */
	List<ClaimedItem> claim(UUID campaignId, String owner, int limit, Instant now, Instant leaseUntil) {
		return transactions.execute(status -> {
			var candidates = jdbc.sql("""
					SELECT id FROM campaign_item
					WHERE campaign_id = ? AND state = 'PENDING' AND due_at <= ?
					  AND EXISTS (SELECT 1 FROM campaign c WHERE c.id = campaign_item.campaign_id AND c.status = 'RUNNING')
					ORDER BY campaign_id, state, due_at, seq LIMIT ?""")
				// twice as many as wanted: another instance may be claiming some of them right now
				.params(campaignId, utc(now), 2 * limit)
				.query(UUID.class)
				.list();
			if (candidates.isEmpty()) {
				return List.<ClaimedItem>of();
			}
			var placeholders = String.join(", ", Collections.nCopies(candidates.size(), "?"));
			var parameters = new ArrayList<Object>(candidates);
			parameters.add(utc(now));
			parameters.add(limit);
			var claimed = jdbc.sql("""
					SELECT id, campaign_id, tenant_id, seq, lead_external_id, draft_id, attempts FROM campaign_item
					WHERE id IN (%s) AND state = 'PENDING' AND due_at <= ?
					ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED""".formatted(placeholders))
				.params(parameters)
				.query((rs, row) -> new ClaimedItem(rs.getObject("id", UUID.class),
						rs.getObject("campaign_id", UUID.class), new TenantId(rs.getObject("tenant_id", UUID.class)),
						rs.getLong("seq"), rs.getString("lead_external_id"), rs.getObject("draft_id", UUID.class),
						rs.getInt("attempts") + 1))
				.list();
			if (!claimed.isEmpty()) {
				template.batchUpdate("""
						UPDATE campaign_item SET state = 'IN_PROGRESS', lease_owner = ?, due_at = ?, attempts = attempts + 1
						WHERE id = ?""", claimed, claimed.size(), (statement, item) -> {
					statement.setString(1, owner);
					statement.setObject(2, utc(leaseUntil));
					statement.setObject(3, item.id());
				});
			}
			return claimed;
		});
	}

	/** Extends the leases the owner holds. */
	int heartbeat(String owner, Instant leaseUntil) {
		return jdbc.sql("UPDATE campaign_item SET due_at = ? WHERE state = 'IN_PROGRESS' AND lease_owner = ?")
			.params(utc(leaseUntil), owner)
			.update();
	}

	/**
	 * Items whose lease expired (their instance died or stalled) become claimable again; those of a cancelled campaign
	 * are settled by the worker instead.
	 */
	int recoverExpired(Instant now) {
		return jdbc.sql("""
				UPDATE campaign_item SET state = 'PENDING', lease_owner = NULL
				WHERE state = 'IN_PROGRESS' AND due_at < ?
				  AND campaign_id IN (SELECT id FROM campaign WHERE status IN ('RUNNING', 'PAUSED'))""")
			.params(utc(now))
			.update();
	}

	/** Records the outcome if {@code owner} still holds the lease; false when another instance took it over. */
	boolean complete(ClaimedItem item, String owner, ItemOutcome outcome, Instant now) {
		return jdbc.sql("""
				UPDATE campaign_item SET state = ?, reason_code = ?, reason = ?, verdict = ?, model = ?, tokens = ?,
				  cost = ?, finished_at = ?, lease_owner = NULL
				WHERE id = ? AND state = 'IN_PROGRESS' AND lease_owner = ?""")
			.params(outcome.state().name(), outcome.reasonCode(), outcome.reason(), outcome.verdict(), outcome.model(),
					outcome.tokens(), outcome.cost(), utc(now), item.id(), owner)
			.update() == 1;
	}

	/**
	 * Gives the item back (to be tried again from {@code dueAt}); {@code countAttempt} false when it was never
	 * started (the tenant's budget was used up), so that waiting costs no attempt.
	 */
	boolean release(ClaimedItem item, String owner, Instant dueAt, boolean countAttempt, @Nullable String lastError) {
		return jdbc.sql("""
				UPDATE campaign_item SET state = 'PENDING', due_at = ?, lease_owner = NULL, reason = ?,
				  attempts = attempts - ?
				WHERE id = ? AND state = 'IN_PROGRESS' AND lease_owner = ?""")
			.params(utc(dueAt), lastError, countAttempt ? 0 : 1, item.id(), owner)
			.update() == 1;
	}

	/** Cancels the campaign's pending items. */
	int cancelPending(TenantId tenant, UUID campaignId, String reason, Instant now) {
		return jdbc.sql("""
				UPDATE campaign_item SET state = 'CANCELLED', reason_code = 'cancelled', reason = ?, finished_at = ?
				WHERE campaign_id = ? AND tenant_id = ? AND state = 'PENDING'""")
			.params(reason, utc(now), campaignId, tenant.value())
			.update();
	}

	/** Items in progress whose lease expired, of a campaign that no longer runs (cancelled while they were out). */
	List<ClaimedItem> expiredInProgress(UUID campaignId, Instant now) {
		return jdbc.sql("""
				SELECT id, campaign_id, tenant_id, seq, lead_external_id, draft_id, attempts, lease_owner
				FROM campaign_item WHERE campaign_id = ? AND state = 'IN_PROGRESS' AND due_at < ?""")
			.params(campaignId, utc(now))
			.query((rs, row) -> new ClaimedItem(rs.getObject("id", UUID.class), rs.getObject("campaign_id", UUID.class),
					new TenantId(rs.getObject("tenant_id", UUID.class)), rs.getLong("seq"),
					rs.getString("lead_external_id"), rs.getObject("draft_id", UUID.class), rs.getInt("attempts")))
			.list();
	}

	/** Takes over an expired lease in place (without returning the item to PENDING), for {@link #complete}. */
	boolean takeOver(ClaimedItem item, String owner, Instant now, Instant leaseUntil) {
		return jdbc.sql("""
				UPDATE campaign_item SET lease_owner = ?, due_at = ?
				WHERE id = ? AND state = 'IN_PROGRESS' AND due_at < ?""")
			.params(owner, utc(leaseUntil), item.id(), utc(now))
			.update() == 1;
	}

	/** Whether any item of the campaign is not yet in a terminal state. */
	boolean hasUnfinished(UUID campaignId) {
		return !jdbc.sql("""
				SELECT id FROM campaign_item WHERE campaign_id = ? AND state IN ('PENDING', 'IN_PROGRESS') LIMIT 1""")
			.param(campaignId)
			.query(UUID.class)
			.list()
			.isEmpty();
	}

	/** Whether any item of the campaign is being drafted. */
	boolean hasInProgress(UUID campaignId) {
		return !jdbc.sql("SELECT id FROM campaign_item WHERE campaign_id = ? AND state = 'IN_PROGRESS' LIMIT 1")
			.param(campaignId)
			.query(UUID.class)
			.list()
			.isEmpty();
	}

	/** Items, tokens and cost per state. */
	record Tally(Map<ItemState, Long> counts, long tokens, BigDecimal cost) {

		long count(ItemState state) {
			return counts.getOrDefault(state, 0L);
		}

		long total() {
			return counts.values().stream().mapToLong(Long::longValue).sum();
		}

		long done() {
			return counts.entrySet().stream().filter(e -> e.getKey().terminal()).mapToLong(Map.Entry::getValue).sum();
		}

		/** Terminal states by name, for events. */
		Map<String, Long> terminal() {
			var terminal = new LinkedHashMap<String, Long>();
			for (var state : ItemState.values()) {
				if (state.terminal()) {
					terminal.put(state.name(), count(state));
				}
			}
			return terminal;
		}
	}

	Tally tally(TenantId tenant, UUID campaignId) {
		var counts = new EnumMap<ItemState, Long>(ItemState.class);
		var totals = new Object() {
			long tokens;
			BigDecimal cost = BigDecimal.ZERO;
		};
		jdbc.sql("""
				SELECT state, COUNT(*) AS n, SUM(tokens) AS tokens, SUM(cost) AS cost FROM campaign_item
				WHERE campaign_id = ? AND tenant_id = ? GROUP BY state""")
			.params(campaignId, tenant.value())
			.query(rs -> {
				counts.put(ItemState.valueOf(rs.getString("state")), rs.getLong("n"));
				totals.tokens += rs.getLong("tokens");
				var cost = rs.getBigDecimal("cost");
				if (cost != null) {
					totals.cost = totals.cost.add(cost);
				}
			});
		return new Tally(counts, totals.tokens, totals.cost.stripTrailingZeros());
	}

	/** The most one item's draft cost in tokens and money, or zeros. */
	record Dearest(long tokens, BigDecimal cost) {
	}

	Dearest dearest(TenantId tenant, UUID campaignId) {
		return jdbc.sql("SELECT MAX(tokens) AS tokens, MAX(cost) AS cost FROM campaign_item WHERE campaign_id = ? AND tenant_id = ?")
			.params(campaignId, tenant.value())
			.query((rs, row) -> new Dearest(rs.getLong("tokens"),
					rs.getBigDecimal("cost") == null ? BigDecimal.ZERO : rs.getBigDecimal("cost")))
			.single();
	}

	/** Items per reason code in one state, most frequent first. */
	Map<String, Long> reasons(TenantId tenant, UUID campaignId, ItemState state, int limit) {
		var reasons = new LinkedHashMap<String, Long>();
		jdbc.sql("""
				SELECT reason_code, COUNT(*) AS n FROM campaign_item
				WHERE campaign_id = ? AND tenant_id = ? AND state = ? GROUP BY reason_code ORDER BY n DESC, reason_code
				LIMIT ?""")
			.params(campaignId, tenant.value(), state.name(), limit)
			.query(rs -> {
				reasons.put(String.valueOf(rs.getString("reason_code")), rs.getLong("n"));
			});
		return reasons;
	}

	/** Items that reached a terminal state since {@code since} (cancellations not counted: no work was done). */
	long finishedSince(TenantId tenant, UUID campaignId, Instant since) {
		return jdbc.sql("""
				SELECT COUNT(*) FROM campaign_item WHERE campaign_id = ? AND tenant_id = ? AND finished_at >= ?
				  AND state <> 'CANCELLED'""")
			.params(campaignId, tenant.value(), utc(since))
			.query(Long.class)
			.single();
	}

	/** When the campaign's first and last item ended (cancellations not counted), or null when none did. */
	@Nullable Instant[] finishedSpan(TenantId tenant, UUID campaignId) {
		return jdbc.sql("""
				SELECT MIN(finished_at) AS first_at, MAX(finished_at) AS last_at FROM campaign_item
				WHERE campaign_id = ? AND tenant_id = ? AND state <> 'CANCELLED'""")
			.params(campaignId, tenant.value())
			.query((rs, row) -> new @Nullable Instant[] { instant(rs, "first_at"), instant(rs, "last_at") })
			.single();
	}

	/** An item as exported. */
	record ItemRow(long seq, String leadExternalId, UUID draftId, ItemState state, @Nullable String reasonCode,
			@Nullable String reason, @Nullable String verdict, @Nullable String model, long tokens,
			@Nullable BigDecimal cost, int attempts, @Nullable Instant finishedAt) {
	}

	/** A page of the campaign's items in import order, after {@code afterSeq}. */
	List<ItemRow> page(TenantId tenant, UUID campaignId, long afterSeq, int limit) {
		return jdbc.sql("""
				SELECT * FROM campaign_item WHERE campaign_id = ? AND tenant_id = ? AND seq > ? ORDER BY seq LIMIT ?""")
			.params(campaignId, tenant.value(), afterSeq, limit)
			.query((rs, row) -> new ItemRow(rs.getLong("seq"), rs.getString("lead_external_id"),
					rs.getObject("draft_id", UUID.class), ItemState.valueOf(rs.getString("state")),
					rs.getString("reason_code"), rs.getString("reason"), rs.getString("verdict"), rs.getString("model"),
					rs.getLong("tokens"), rs.getBigDecimal("cost"), rs.getInt("attempts"), instant(rs, "finished_at")))
			.list();
	}
}
