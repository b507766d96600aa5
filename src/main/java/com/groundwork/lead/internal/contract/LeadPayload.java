package com.groundwork.lead.internal.contract;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A lead as a client sends it, in one of the contract's versions: {@code schemaVersion} selects the record. A body
 * without a supported {@code schemaVersion} becomes {@link UnsupportedLeadVersion}, which {@link LeadUpcaster} refuses
 * with a problem naming the supported versions.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "schemaVersion",
		visible = true, defaultImpl = UnsupportedLeadVersion.class)
@JsonSubTypes({ @JsonSubTypes.Type(value = LeadV1.class, name = "1"), @JsonSubTypes.Type(value = LeadV2.class, name = "2") })
public sealed interface LeadPayload permits LeadV1, LeadV2, UnsupportedLeadVersion {

	/** Letters, digits and {@code . _ : -}, starting with a letter or digit: safe in a URL path. */
	String EXTERNAL_ID = "[A-Za-z0-9][A-Za-z0-9._:-]{0,99}";

	String EXTERNAL_ID_MESSAGE = "must be 1 to 100 letters, digits or . _ : - starting with a letter or digit, e.g. L-1001";
}
