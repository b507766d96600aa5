package com.groundwork.lead.internal.contract;

/** Whether the recipient agreed to be contacted. */
public enum ConsentStatus {
	/** Opted in explicitly. */
	EXPRESS,
	/** An existing business relationship or inquiry (CASL implied consent). */
	IMPLIED,
	/** Nothing recorded: opt-in countries must not be contacted. */
	NONE,
	/** Opted out: never contact; the address is added to the suppression list. */
	WITHDRAWN;

	public boolean permitsContact() {
		return this == EXPRESS || this == IMPLIED;
	}
}
