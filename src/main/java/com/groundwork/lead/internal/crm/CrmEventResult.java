package com.groundwork.lead.internal.crm;

import com.groundwork.lead.internal.LeadService.SequenceOutcome;

/**
 * What became of a CRM event.
 *
 * @param outcome APPLIED, or DUPLICATE / OUT_OF_ORDER when it was ignored (so a retry is safe)
 * @param leadVersion the lead's version after the event
 * @param lastSequence the last sequence applied to the lead
 */
record CrmEventResult(String externalId, long sequence, SequenceOutcome outcome, long leadVersion, long lastSequence,
		String detail) {
}
