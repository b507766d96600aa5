package com.groundwork.drafting.internal;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/drafts}: a lead given in the lead contract, or the external id of a stored lead, and an angle.
 *
 * @param tone {@code friendly} (default), {@code formal} or {@code concise}
 */
record DraftRequest(@Nullable JsonNode lead, @Nullable String leadExternalId, @Nullable String angle,
		@Nullable String tone) {
}
