package com.groundwork.audit.internal;

import com.groundwork.identity.TenantId;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Which entries to list or export; every criterion is optional. {@code action} ending in {@code *} matches a prefix
 * ({@code draft.*}).
 */
record AuditFilter(@Nullable String action, @Nullable String actor, @Nullable String targetType,
		@Nullable String targetId, @Nullable String requestId, @Nullable Instant from, @Nullable Instant to) {

	static final AuditFilter ALL = new AuditFilter(null, null, null, null, null, null, null);

	record Where(String sql, List<Object> params) {
	}

	Where where(TenantId tenant) {
		var sql = new StringBuilder("tenant_id = ?");
		var params = new ArrayList<Object>();
		params.add(tenant.value());
		if (action != null && !action.isBlank()) {
			if (action.endsWith("*")) {
				sql.append(" AND action LIKE ?");
				params.add(action.substring(0, action.length() - 1).replace("%", "").replace("_", "\\_") + "%");
			}
			else {
				sql.append(" AND action = ?");
				params.add(action);
			}
		}
		add(sql, params, "actor", actor);
		add(sql, params, "target_type", targetType);
		add(sql, params, "target_id", targetId);
		add(sql, params, "request_id", requestId);
		if (from != null) {
			sql.append(" AND occurred_at >= ?");
			params.add(from.atOffset(ZoneOffset.UTC));
		}
		if (to != null) {
			sql.append(" AND occurred_at < ?");
			params.add(to.atOffset(ZoneOffset.UTC));
		}
		return new Where(sql.toString(), params);
	}

	private static void add(StringBuilder sql, List<Object> params, String column, @Nullable String value) {
		if (value != null && !value.isBlank()) {
			sql.append(" AND ").append(column).append(" = ?");
			params.add(value);
		}
	}
}
