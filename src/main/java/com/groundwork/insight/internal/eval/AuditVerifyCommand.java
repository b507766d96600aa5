package com.groundwork.insight.internal.eval;

import com.groundwork.audit.AuditChains;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code audit-verify}: recomputes every tenant's audit hash chain (or one tenant's) straight from the database, with
 * the same code as {@code GET /api/audit/verify}. The embedded H2 database is locked while the service runs, so check
 * it with the service stopped; PostgreSQL can be checked at any time.
 */
final class AuditVerifyCommand implements EvalCommand {

	@Override
	public String name() {
		return "audit-verify";
	}

	@Override
	public String usage() {
		return "audit-verify [--tenant SLUG] [--data-dir ./data | --url JDBC-URL --user USER --password PASSWORD]";
	}

	@Override
	public Map<String, Object> run(EvalArguments arguments) throws Exception {
		var dataDir = Path.of(arguments.options().getOrDefault("data-dir", "./data")).toAbsolutePath();
		var url = arguments.options().getOrDefault("url", "jdbc:h2:file:" + dataDir.resolve("db").resolve("groundwork")
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;IFEXISTS=TRUE");
		var user = arguments.options().getOrDefault("user", url.startsWith("jdbc:h2:") ? "sa" : "");
		var password = arguments.options().getOrDefault("password", "");
		try (var connection = DriverManager.getConnection(url, user, password)) {
			connection.setReadOnly(true);
			var tenants = AuditChains.verify(connection, arguments.options().get("tenant"));
			long entries = 0;
			Object firstBrokenAt = null;
			String brokenTenant = null;
			var perTenant = new LinkedHashMap<String, Object>();
			for (var result : tenants.entrySet()) {
				var verification = result.getValue();
				entries += verification.entries();
				if (!verification.valid() && firstBrokenAt == null) {
					firstBrokenAt = verification.firstBrokenAt();
					brokenTenant = result.getKey();
				}
				var line = new LinkedHashMap<String, Object>();
				line.put("valid", verification.valid());
				line.put("entries", verification.entries());
				line.put("firstBrokenAt", verification.firstBrokenAt());
				line.put("reason", verification.reason());
				perTenant.put(result.getKey(), line);
				System.err.println("audit-verify: " + result.getKey() + " " + (verification.valid() ? "valid"
						: "BROKEN at " + verification.firstBrokenAt() + ": " + verification.reason()) + " ("
						+ verification.entries() + " entries)");
			}
			var out = new LinkedHashMap<String, Object>();
			out.put("valid", firstBrokenAt == null);
			out.put("entries", entries);
			out.put("firstBrokenAt", firstBrokenAt);
			out.put("brokenTenant", brokenTenant);
			out.put("tenants", perTenant);
			return out;
		}
	}

	/** A broken chain fails the command (1), so scripts and schedulers notice without reading the JSON. */
	@Override
	public int exitStatus(Map<String, Object> result) {
		return Boolean.TRUE.equals(result.get("valid")) ? 0 : 1;
	}
}
