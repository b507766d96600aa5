package com.groundwork.lead.internal.store;

import com.groundwork.identity.TenantId;
import com.groundwork.lead.internal.contract.LeadContracts;
import com.groundwork.lead.internal.contract.LeadV2;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import com.groundwork.lead.internal.suppression.EmailHashes;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The one place leads are written and read, so that how the contract is stored stays a local matter: the contract and
 * the address are encrypted ({@link FieldCipher}), the address is found by its hash. Every method is scoped to the
 * tenant it is given: request handlers pass the current actor's tenant, background work the tenant it works for.
 */
@Repository
public class LeadRepository {

	private static final String COLUMNS = "id, tenant_id, external_id, contract, version, last_sequence, created_at, updated_at";

	private final JdbcClient jdbc;
	private final LeadContracts contracts;
	private final FieldCipher cipher;

	public LeadRepository(JdbcClient jdbc, LeadContracts contracts, FieldCipher cipher) {
		this.jdbc = jdbc;
		this.contracts = contracts;
		this.cipher = cipher;
	}

	public Optional<StoredLead> find(TenantId tenant, String externalId) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM lead WHERE tenant_id = ? AND external_id = ?")
			.params(tenant.value(), externalId)
			.query(this::lead)
			.optional();
	}

	/** Like {@link #find}, and locks the row until the transaction ends (read-modify-write). */
	public Optional<StoredLead> findForUpdate(TenantId tenant, String externalId) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM lead WHERE tenant_id = ? AND external_id = ? FOR UPDATE")
			.params(tenant.value(), externalId)
			.query(this::lead)
			.optional();
	}

	public long count(TenantId tenant) {
		return jdbc.sql("SELECT COUNT(*) FROM lead WHERE tenant_id = ?").param(tenant.value()).query(Long.class).single();
	}

	/** Stores a new lead at version 1. */
	public StoredLead insert(TenantId tenant, LeadV2 lead, Instant now) {
		var stored = new StoredLead(UUID.randomUUID(), tenant, lead.id(), lead, 1, 0, now, now);
		var contact = lead.requireContact();
		var company = lead.requireCompany();
		jdbc.sql("""
				INSERT INTO lead (id, tenant_id, external_id, schema_version, contract, email, email_hash, industry, region,
				                  country, stage, consent_status, version, last_sequence, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(stored.id(), tenant.value(), stored.externalId(), lead.schemaVersion(),
					cipher.encrypt(contracts.write(lead), contractContext(stored.id())),
					cipher.encrypt(contact.email(), emailContext(stored.id())), EmailHashes.hash(contact.email()),
					company.industry(), nameOf(company.salesRegion()), contact.country(),
					nameOf(lead.crmOrEmpty().stage()), lead.requireConsent().status().name(), stored.version(),
					stored.lastSequence(), utc(now), utc(now))
			.update();
		return stored;
	}

	/**
	 * Replaces a lead's contract and records the CRM sequence applied; the version grows by one when the contract
	 * changed. Call with a lead read by {@link #findForUpdate} in the same transaction.
	 */
	public StoredLead update(StoredLead current, LeadV2 lead, long lastSequence, Instant now) {
		boolean changed = !lead.equals(current.lead());
		var next = new StoredLead(current.id(), current.tenant(), current.externalId(), lead,
				changed ? current.version() + 1 : current.version(), Math.max(lastSequence, current.lastSequence()),
				current.createdAt(), changed ? now : current.updatedAt());
		var contact = lead.requireContact();
		var company = lead.requireCompany();
		int rows = jdbc.sql("""
				UPDATE lead SET schema_version = ?, contract = ?, email = ?, email_hash = ?, industry = ?, region = ?,
				                country = ?, stage = ?, consent_status = ?, version = ?, last_sequence = ?, updated_at = ?
				WHERE id = ? AND tenant_id = ? AND version = ?""")
			.params(lead.schemaVersion(), cipher.encrypt(contracts.write(lead), contractContext(current.id())),
					cipher.encrypt(contact.email(), emailContext(current.id())), EmailHashes.hash(contact.email()),
					company.industry(),
					nameOf(company.salesRegion()), contact.country(), nameOf(lead.crmOrEmpty().stage()),
					lead.requireConsent().status().name(), next.version(), next.lastSequence(), utc(next.updatedAt()),
					current.id(), current.tenant().value(), current.version())
			.update();
		if (rows != 1) {
			throw new OptimisticLockingFailureException("Lead " + current.externalId() + " changed concurrently");
		}
		return next;
	}

	/** The tenant's leads with this address (an address may be the contact of several leads). */
	public List<StoredLead> findByEmail(TenantId tenant, String email) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM lead WHERE tenant_id = ? AND email_hash = ? ORDER BY external_id")
			.params(tenant.value(), EmailHashes.hash(email))
			.query(this::lead)
			.list();
	}

	/** Deletes a lead and its feature snapshots (erasure). */
	public void delete(TenantId tenant, UUID id) {
		jdbc.sql("DELETE FROM feature_snapshot WHERE tenant_id = ? AND lead_id = ?").params(tenant.value(), id).update();
		jdbc.sql("DELETE FROM lead WHERE tenant_id = ? AND id = ?").params(tenant.value(), id).update();
	}

	/**
	 * Re-encrypts up to {@code limit} leads not yet under the active key (or not encrypted at all, or without an
	 * address hash); the number re-encrypted. A row changed meanwhile is left for the next round.
	 */
	public int reencrypt(int limit) {
		var rows = jdbc.sql("SELECT id, contract, email FROM lead WHERE contract NOT LIKE ? OR email NOT LIKE ? "
				+ "OR email_hash IS NULL ORDER BY id LIMIT ?")
			.params(cipher.currentPattern(), cipher.currentPattern(), limit)
			.query((rs, n) -> new String[] { rs.getString("id"), rs.getString("contract"), rs.getString("email") })
			.list();
		int done = 0;
		for (var row : rows) {
			var id = UUID.fromString(row[0]);
			var contract = cipher.decrypt(row[1], contractContext(id));
			var email = cipher.decrypt(row[2], emailContext(id));
			done += jdbc.sql("UPDATE lead SET contract = ?, email = ?, email_hash = ? WHERE id = ? AND contract = ? AND email = ?")
				.params(cipher.encrypt(contract, contractContext(id)), cipher.encrypt(email, emailContext(id)),
						EmailHashes.hash(email), id, row[1], row[2])
				.update();
		}
		return done;
	}

	private static String contractContext(UUID id) {
		return "lead:" + id + ":contract";
	}

	private static String emailContext(UUID id) {
		return "lead:" + id + ":email";
	}

	private StoredLead lead(ResultSet rs, int row) throws SQLException {
		var id = rs.getObject("id", UUID.class);
		return new StoredLead(id, new TenantId(rs.getObject("tenant_id", UUID.class)),
				rs.getString("external_id"), contracts.readStored(cipher.decrypt(rs.getString("contract"), contractContext(id))),
				rs.getLong("version"),
				rs.getLong("last_sequence"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
				rs.getObject("updated_at", OffsetDateTime.class).toInstant());
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static @org.jspecify.annotations.Nullable String nameOf(@org.jspecify.annotations.Nullable Enum<?> value) {
		return value == null ? null : value.name();
	}
}
