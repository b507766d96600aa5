package com.groundwork.lead.internal.contract;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * What the CRM knows of the lead.
 *
 * @param ownerEmail the sales rep who owns the lead
 * @param notes free text from the CRM; treated as data, never as instructions
 * @param lastTouchAt the day of the last two-way contact (call, meeting, reply)
 */
public record Crm(@Nullable Stage stage,
		@Email(regexp = Contact.ADDRESS, message = Contact.ADDRESS_MESSAGE) @Size(max = 254) @Nullable String ownerEmail,
		@Size(max = 5000) @Nullable String notes,
		@Nullable LocalDate lastTouchAt) {

	public static final Crm EMPTY = new Crm(null, null, null, null);

	public Crm {
		ownerEmail = Text.lower(ownerEmail);
		notes = Text.clean(notes);
	}
}
