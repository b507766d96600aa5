package com.groundwork.audit.internal;

import com.groundwork.audit.ChainVerification;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Walks one tenant's entries in position order and reports the first that does not verify: a content change (its
 * hash no longer matches), a removed or reordered entry (a gap in positions, or a previous-hash that is not its
 * predecessor's hash), changed details (no longer their hash, unless erased), or a chain that stops short of its head.
 */
public final class ChainVerifier {

	private long expectedSeq;
	private String expectedPrev;
	private long entries;
	private @Nullable ChainVerification broken;

	/** @param anchorSeq the position retention pruned up to (0 when nothing was pruned) and that entry's hash */
	ChainVerifier(long anchorSeq, String anchorHash) {
		this.expectedSeq = anchorSeq + 1;
		this.expectedPrev = anchorHash;
	}

	void accept(AuditEntry entry) {
		if (broken != null) {
			return;
		}
		entries++;
		if (entry.seq() != expectedSeq) {
			broken = ChainVerification.brokenAt(entries, Math.min(entry.seq(), expectedSeq),
					"expected position " + expectedSeq + " but found " + entry.seq() + " (an entry was removed or moved)");
		}
		else if (!entry.prevHash().equals(expectedPrev)) {
			broken = ChainVerification.brokenAt(entries, entry.seq(),
					"its previous-hash is not the hash of the entry before it (entries removed, reordered or changed)");
		}
		else if (!entry.computeHash().equals(entry.hash())) {
			broken = ChainVerification.brokenAt(entries, entry.seq(), "its content no longer matches its hash");
		}
		else if (!entry.erased() && !CanonicalJson.sha256(entry.details()).equals(entry.detailsHash())) {
			broken = ChainVerification.brokenAt(entries, entry.seq(), "its details no longer match their hash");
		}
		expectedSeq = entry.seq() + 1;
		expectedPrev = entry.hash();
	}

	/** @param headSeq the position the tenant's head records as its last append (0 when it has none) */
	ChainVerification result(long headSeq, @Nullable String headHash) {
		if (broken != null) {
			return broken;
		}
		long last = expectedSeq - 1;
		if (headSeq > last) {
			return ChainVerification.brokenAt(entries, last + 1,
					"the chain ends at " + last + " but " + headSeq + " entries were appended (entries removed at the end)");
		}
		if (headSeq == last && headHash != null && headSeq > 0 && !headHash.strip().equals(expectedPrev)) {
			return ChainVerification.brokenAt(entries, last, "the last entry is not the one the head recorded");
		}
		return ChainVerification.intact(entries);
	}

	/** Every tenant's chain (or one tenant's, by slug) over a plain JDBC connection. */
	public static Map<String, ChainVerification> verifyAll(Connection connection, @Nullable String tenantSlug)
			throws SQLException {
		var tenants = new LinkedHashMap<String, UUID>();
		try (var statement = connection.prepareStatement(tenantSlug == null ? "SELECT id, slug FROM tenant ORDER BY slug"
				: "SELECT id, slug FROM tenant WHERE slug = ? ORDER BY slug")) {
			if (tenantSlug != null) {
				statement.setString(1, tenantSlug);
			}
			try (var rs = statement.executeQuery()) {
				while (rs.next()) {
					tenants.put(rs.getString("slug"), rs.getObject("id", UUID.class));
				}
			}
		}
		if (tenantSlug != null && tenants.isEmpty()) {
			throw new IllegalArgumentException("no tenant with slug '" + tenantSlug + "'");
		}
		var results = new LinkedHashMap<String, ChainVerification>();
		for (var tenant : tenants.entrySet()) {
			results.put(tenant.getKey(), verify(connection, tenant.getValue()));
		}
		return results;
	}

	static ChainVerification verify(Connection connection, UUID tenant) throws SQLException {
		long anchorSeq = 0;
		String anchorHash = CanonicalJson.ZERO_HASH;
		try (var statement = connection.prepareStatement("SELECT seq, hash FROM audit_anchor WHERE tenant_id = ?")) {
			statement.setObject(1, tenant);
			try (var rs = statement.executeQuery()) {
				if (rs.next()) {
					anchorSeq = rs.getLong("seq");
					anchorHash = rs.getString("hash").strip();
				}
			}
		}
		var verifier = new ChainVerifier(anchorSeq, anchorHash);
		try (var statement = connection.prepareStatement(
				"SELECT " + AuditEntry.COLUMNS + " FROM audit_event WHERE tenant_id = ? ORDER BY seq")) {
			statement.setObject(1, tenant);
			statement.setFetchSize(500);
			try (var rs = statement.executeQuery()) {
				while (rs.next()) {
					verifier.accept(AuditEntry.read(rs));
				}
			}
		}
		long headSeq = 0;
		String headHash = null;
		try (var statement = connection.prepareStatement("SELECT seq, hash FROM audit_head WHERE tenant_id = ?")) {
			statement.setObject(1, tenant);
			try (var rs = statement.executeQuery()) {
				if (rs.next()) {
					headSeq = rs.getLong("seq");
					headHash = rs.getString("hash");
				}
			}
		}
		return verifier.result(headSeq, headHash);
	}

}
