package com.groundwork.lead.internal.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/** A body whose {@code schemaVersion} is missing or names no supported version; its other fields are not read. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UnsupportedLeadVersion(@Nullable Object schemaVersion) implements LeadPayload {
}
