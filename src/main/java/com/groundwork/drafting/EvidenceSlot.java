package com.groundwork.drafting;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One slot of a draft's evidence plan: what the email needs (e.g. a customer result from the lead's industry), the
 * passage chosen to fill it and why that one.
 *
 * @param slot the slot's name as the angle's prompt defines it, e.g. {@code customer-result}
 * @param purpose what the slot is for, in words a reviewer reads
 * @param reason why this passage fills it, e.g. {@code own-industry case study} or {@code fallback: no case study for
 * energy}; for an empty slot, why nothing was found
 * @param passageId the chunk chosen, or null when the slot stayed empty
 * @param documentType the chosen document's {@code type} metadata (empty when the slot stayed empty)
 */
public record EvidenceSlot(String slot, String purpose, String reason, @Nullable UUID passageId,
		@Nullable UUID documentId, String documentTitle, String documentType) {

	public EvidenceSlot {
		purpose = purpose == null ? "" : purpose;
		reason = reason == null ? "" : reason;
		documentTitle = documentTitle == null ? "" : documentTitle;
		documentType = documentType == null ? "" : documentType;
	}

	public boolean filled() {
		return passageId != null;
	}
}
