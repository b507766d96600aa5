package com.groundwork.lead.internal.contract;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Brings any supported version of the lead contract to the latest, the only form that is stored. Version 1's
 * {@code company.region} becomes version 2's {@code company.salesRegion}; version 2's new optional
 * {@code company.annualRevenueBand} stays absent.
 */
public final class LeadUpcaster {

	/** The versions accepted, oldest first; the last one is stored. */
	public static final List<Integer> SUPPORTED_VERSIONS = List.of(LeadV1.VERSION, LeadV2.VERSION);

	public static final int LATEST = LeadV2.VERSION;

	private LeadUpcaster() {
	}

	/**
	 * The latest form of a lead.
	 * @throws ContractViolatedException when the payload's {@code schemaVersion} is missing or unsupported
	 */
	public static LeadV2 toLatest(LeadPayload payload) {
		return switch (payload) {
			case LeadV2 latest -> latest;
			case LeadV1 v1 -> new LeadV2(LeadV2.VERSION, v1.externalId(), v1.contact(),
					v1.company() == null ? null : new Company(v1.company().name(), v1.company().domain(),
							v1.company().industry(), v1.company().employees(), v1.company().region(), null),
					v1.crm(), v1.consent());
			case UnsupportedLeadVersion unsupported -> throw unsupported(unsupported.schemaVersion());
		};
	}

	static ContractViolatedException unsupported(@org.jspecify.annotations.Nullable Object version) {
		var allowed = SUPPORTED_VERSIONS.stream().map(String::valueOf).collect(Collectors.joining(", "));
		var message = version == null ? "is required: send one of " + allowed
				: "'" + version + "' is not a supported version of the lead contract: send one of " + allowed
						+ " (schemas at /api/contracts/lead/v1 and /api/contracts/lead/v2)";
		return new ContractViolatedException("schemaVersion", message);
	}
}
