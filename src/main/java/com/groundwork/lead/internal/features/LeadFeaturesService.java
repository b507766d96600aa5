package com.groundwork.lead.internal.features;

import com.groundwork.identity.TenantId;
import com.groundwork.lead.FeatureSnapshot;
import com.groundwork.lead.FeatureValue;
import com.groundwork.lead.LeadFeatures;
import com.groundwork.lead.LeadNotFoundException;
import com.groundwork.lead.internal.store.LeadRepository;
import com.groundwork.lead.internal.store.StoredLead;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Computes the registered features of a lead and keeps each result as an immutable snapshot. */
@Service
class LeadFeaturesService implements LeadFeatures {

	private final LeadRepository leads;
	private final FeatureRegistry registry;
	private final FeatureSources sources;
	private final FeatureSnapshotRepository snapshots;
	private final JsonMapper mapper;
	private final Clock clock;

	LeadFeaturesService(LeadRepository leads, FeatureRegistry registry, FeatureSources sources,
			FeatureSnapshotRepository snapshots, JsonMapper mapper, Clock clock) {
		this.leads = leads;
		this.registry = registry;
		this.sources = sources;
		this.snapshots = snapshots;
		this.mapper = mapper;
		this.clock = clock;
	}

	@Override
	@Transactional
	public FeatureSnapshot snapshot(TenantId tenant, String externalId) {
		var lead = leads.find(tenant, externalId).orElseThrow(() -> new LeadNotFoundException(externalId));
		var now = clock.instant().truncatedTo(ChronoUnit.MICROS); // what the database keeps
		var values = valuesOf(lead, now);
		var snapshot = new FeatureSnapshot(UUID.randomUUID(), tenant, lead.externalId(), lead.version(), values, now,
				hash(lead.externalId(), lead.version(), values));
		snapshots.insert(snapshot, lead.id());
		return snapshot;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<FeatureSnapshot> findSnapshot(TenantId tenant, UUID snapshotId) {
		return snapshots.find(tenant, snapshotId);
	}

	/** The current version of every registered feature that has a value for this lead, by name. */
	List<FeatureValue> valuesOf(StoredLead lead, Instant now) {
		var of = sources.of(lead, now);
		var values = new ArrayList<FeatureValue>();
		for (var definition : registry.current()) {
			of.of(definition.source()).ifPresent(value -> values.add(new FeatureValue(definition.name(),
					definition.version(), definition.type(), value, definition.pii(), definition.allowed(),
					lead.updatedAt().plus(definition.freshness()).isBefore(now))));
		}
		return values;
	}

	/** SHA-256 of the canonical JSON of what the snapshot says, so equal content has an equal hash. */
	String hash(String externalId, long leadVersion, List<FeatureValue> values) {
		var canonical = mapper.writeValueAsString(new HashedContent(externalId, leadVersion, values));
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
		}
	}

	private record HashedContent(String externalId, long leadVersion, List<FeatureValue> values) {
	}
}
