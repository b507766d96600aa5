package com.groundwork.lead.internal.crm;

import com.groundwork.lead.internal.contract.LeadPayload;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A change of one lead in the CRM.
 *
 * @param sequence grows with every change of this lead in the CRM; an event at or below the last applied sequence
 * is a duplicate or arrived out of order, and is ignored
 * @param occurredAt when the change happened in the CRM (informative)
 * @param changes new values by flattened contract path (lead contract v2), e.g. {@code "crm.stage": "SQL"}; null
 * clears an optional field
 */
record CrmEvent(
		@NotBlank @Pattern(regexp = LeadPayload.EXTERNAL_ID, message = LeadPayload.EXTERNAL_ID_MESSAGE) @Nullable String externalId,
		@NotNull @Positive @Nullable Long sequence,
		@Nullable Instant occurredAt,
		@NotEmpty(message = "must change at least one field, e.g. crm.stage") @Nullable Map<String, JsonNode> changes) {
}
